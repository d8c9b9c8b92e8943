/** "Come leggere questi dati": the interval, withheld cells, a significant change, the response rate, the peers. */
import { m } from './messages.js';

export function HowToRead({ k, disclosureControl }: { k: number; disclosureControl: boolean }) {
  return (
    <section className="report-section report-how" aria-labelledby="come-leggere">
      <h2 id="come-leggere">{m.howTitle}</h2>
      <ul>
        <li>{m.howCi}</li>
        <li>
          {m.howWithheld(disclosureControl ? k : null)}
          {disclosureControl ? null : ` ${m.howWithheldCentral}`}
        </li>
        <li>{m.howChange}</li>
        <li>{m.howRate}</li>
        <li>{m.howBenchmark}</li>
        <li>{m.howPeriods}</li>
      </ul>
    </section>
  );
}
