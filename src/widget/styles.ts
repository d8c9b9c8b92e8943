/**
 * The widget's styles, as constructable stylesheets (adopted, never <style> elements or style
 * attributes, which a strict CSP refuses). Designers Italia look: #0066CC, Titillium Web when
 * the page has it, else the system font.
 */
const FONT = `"Titillium Web",system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif`;

/**
 * A double focus ring, as GOV.UK draws it: dark (#1a1a1a) right around the element, the
 * Designers Italia orange around that. The orange alone is 2.1:1 on white, under the 3:1 of
 * WCAG 1.4.11; the dark ring is 17.4:1 on white and 3.1:1 on #0066cc, the orange 4.8:1 or more
 * on the dark blues of a host page's bands.
 */
const FOCUS_RING = 'outline:3px solid #ff9900;outline-offset:2px;box-shadow:0 0 0 2px #1a1a1a';

/** Rules shared by both sheets, written for a root selector `R` (`:host` or `valuta-feedback`). */
const common = (R: string, scope: string) => `
${scope}[hidden]{display:none!important}
${scope}.vf-sr{position:absolute!important;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;border:0}
${scope}.vf-hp{position:absolute;left:-10000px;top:auto;width:1px;height:1px;overflow:hidden}
${scope}.vf-btn{display:inline-block;font:inherit;font-weight:600;color:#fff;background:#0066cc;border:2px solid #0066cc;border-radius:4px;padding:.5rem 1.5rem;min-height:2.75rem;cursor:pointer;line-height:1.5;text-align:center;max-width:100%}
${scope}.vf-btn:hover{background:#004d99;border-color:#004d99}
${scope}.vf-btn[aria-disabled=true]{opacity:.75;cursor:progress}
${scope}:focus-visible{${FOCUS_RING}}
${scope}.vf-dialog{border:0;border-radius:8px;padding:0;width:min(40rem,calc(100vw - 1rem));max-width:calc(100vw - 1rem);max-height:calc(100dvh - 1rem);overflow:auto;color:#1a1a1a;background:#fff;font-family:${FONT};font-size:1rem;line-height:1.5;box-shadow:0 1rem 3rem rgba(0,0,0,.3)}
${scope}.vf-dialog::backdrop{background:rgba(0,26,51,.6)}
${scope}.vf-head{display:flex;align-items:flex-start;justify-content:space-between;gap:1rem;padding:1rem 1.25rem;border-bottom:1px solid #d9dadb}
${scope}.vf-head h2{margin:0;font-size:1.5rem;line-height:1.3;font-weight:600;color:#1a1a1a}
${scope}.vf-close{font:inherit;font-size:1.75rem;line-height:1;width:2.75rem;height:2.75rem;flex:none;border:0;border-radius:4px;background:transparent;color:#1a1a1a;cursor:pointer}
${scope}.vf-close:hover{background:#e6f0fa}
${scope}.vf-body{padding:1rem 1.25rem 1.5rem}
${scope}.vf-form{margin:0}
${scope}.vf-hint{margin:0 0 .5rem;color:#5c6f82;font-size:.9375rem}
${scope}.vf-error{margin:0 0 .5rem;color:#b71f38;font-weight:600}
${scope}.vf-status:focus{outline:none;box-shadow:none}
${scope}.vf-done,${scope}.vf-notice{margin:0;padding:.75rem 1rem;border-left:4px solid #008758;background:#f2f7fc;font-weight:600}
${scope}.vf-notice{border-color:#b71f38}
${scope}.vf-choice{display:flex;align-items:flex-start;gap:.5rem;padding:.25rem 0}
${scope}.vf-choice input{flex:none;width:1.25rem;height:1.25rem;margin:.15rem 0 0;accent-color:#0066cc}
${scope}.vf-choice label{cursor:pointer;min-width:0;overflow-wrap:anywhere}
${scope}fieldset{border:0;margin:0;padding:0;min-width:0}
${scope}legend{padding:0}
${R}{overflow-wrap:break-word}
`;

/** The shadow root of the national families: nothing of the host page leaks in (all: initial). */
export const SHADOW_CSS = `
:host{all:initial;display:block;font-family:${FONT};font-size:1rem;line-height:1.5;color:#1a1a1a}
*,*::before,*::after{box-sizing:border-box}
${common(':host', '')}
.vf-questionnaire{max-width:40rem}
.vf-intro{margin:0 0 .5rem}
.vf-item{margin:0 0 1.5rem}
.vf-item legend,.vf-item>label{display:block;font-weight:600;font-size:1.0625rem;margin:0 0 .5rem;color:#1a1a1a}
.vf-req{color:#b71f38}
.vf-invalid{border-left:4px solid #b71f38;padding-left:.75rem}
.vf-rating{flex-direction:row;flex-wrap:wrap;gap:.25rem 1rem}
.vf-star{color:#a66300;letter-spacing:.1em}
.vf-item textarea{display:block;width:100%;min-height:6rem;font:inherit;color:inherit;padding:.5rem;border:1px solid #5c6f82;border-radius:4px;resize:vertical}
.vf-summary{margin:0 0 1.5rem;padding:1rem;border:3px solid #b71f38}
.vf-summary h3{margin:0 0 .5rem;font-size:1.125rem}
.vf-summary ul{margin:0;padding-left:1.25rem}
.vf-summary a{color:#b71f38;font-weight:600}
`;

/** The Designers Italia markup lives in the page: every rule is scoped under valuta-feedback. */
export const DOCUMENT_CSS = `
valuta-feedback{display:block}
valuta-feedback *,valuta-feedback *::before,valuta-feedback *::after{box-sizing:border-box}
${common('valuta-feedback', 'valuta-feedback ')}
valuta-feedback .vf-di{max-width:40rem;margin:0 auto;padding:1.5rem;background:#fff;color:#1a1a1a;border-radius:4px;box-shadow:0 .25rem 1.5rem rgba(0,0,0,.12);font-family:${FONT};font-size:1rem;line-height:1.5;text-align:left}
valuta-feedback .vf-open{border-color:#fff}
valuta-feedback .vf-dialog .vf-di{box-shadow:none;padding:0}
valuta-feedback .vf-title{margin:0 0 .75rem;font-size:1.5rem;line-height:1.3;font-weight:600;color:#1a1a1a;text-align:center}
valuta-feedback .vf-stars{display:flex;justify-content:center;gap:.25rem;margin:0 0 1rem}
valuta-feedback .vf-rate{display:inline-flex;align-items:center;justify-content:center;width:2.75rem;height:2.75rem;font-size:2rem;line-height:1;color:#5c6f82;cursor:pointer;border-radius:4px}
valuta-feedback .vf-rate.vf-on{color:#0066cc}
valuta-feedback .vf-rate:hover{color:#004d99}
valuta-feedback .vf-stars input:focus-visible+.vf-rate{${FOCUS_RING}}
valuta-feedback .vf-block{margin:0 0 1rem}
valuta-feedback .vf-block legend,valuta-feedback .vf-field label{display:block;font-weight:600;font-size:1.125rem;margin:0 0 .5rem;color:#1a1a1a}
valuta-feedback .vf-field{margin:0 0 1rem}
valuta-feedback .vf-field input{display:block;width:100%;font:inherit;color:inherit;padding:.5rem;border:0;border-bottom:1px solid #5c6f82;background:#fff;border-radius:0}
valuta-feedback .vf-di .vf-btn{display:block;margin:0 auto}
valuta-feedback .vf-di .vf-error{text-align:center}
`;

/** One sheet per text, shared by every widget on the page. */
const sheets = new Map<string, CSSStyleSheet>();
export function sheet(css: string): CSSStyleSheet {
  let built = sheets.get(css);
  if (!built) {
    built = new CSSStyleSheet();
    built.replaceSync(css);
    sheets.set(css, built);
  }
  return built;
}

/** Adopts the scoped sheet of the Designers Italia markup on the document, once. */
export function adoptOnDocument(): void {
  const scoped = sheet(DOCUMENT_CSS);
  if (!document.adoptedStyleSheets.includes(scoped))
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, scoped];
}
