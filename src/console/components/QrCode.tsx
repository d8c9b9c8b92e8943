/**
 * A QR code drawn as an SVG path in the page (no image fetched, no inline style), from the
 * modules `qrcode` computes; a quiet zone of four modules all round, as the standard asks.
 */
import { create } from 'qrcode';
import { useMemo } from 'react';

const QUIET = 4;

export function QrCode({ text, label, size = 200 }: { text: string; label: string; size?: number }) {
  const { path, width } = useMemo(() => {
    const { modules } = create(text, { errorCorrectionLevel: 'M' });
    let d = '';
    for (let row = 0; row < modules.size; row++)
      for (let col = 0; col < modules.size; col++)
        if (modules.get(row, col)) d += `M${col + QUIET} ${row + QUIET}h1v1h-1z`;
    return { path: d, width: modules.size + 2 * QUIET };
  }, [text]);
  return (
    <svg
      className="console-qr-code"
      role="img"
      aria-label={label}
      width={size}
      height={size}
      viewBox={`0 0 ${width} ${width}`}
      shapeRendering="crispEdges"
    >
      <rect width={width} height={width} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
