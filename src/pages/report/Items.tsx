/**
 * How each item was answered: the distribution as bars and as a table (counts and shares, withheld
 * cells "riservato"), the mean with its 95% CI for scales and ratings, the positive share; free-text
 * items by their number of answers only.
 */
import type { ItemView } from '../../domain/results-view.js';
import { countText } from './cells.js';
import { decimal, decimalInterval, interval, pct } from './format.js';
import { m } from './messages.js';
import { BarChart, type Bar } from './svg.js';

const cellText = (cell: ItemView['distribution'][number]) =>
  cell.count.withheld
    ? m.withheld
    : cell.share === null
      ? countText(cell.count)
      : m.countAndShare(countText(cell.count), pct(cell.share));

function Item({ item, scope }: { item: ItemView; scope: string }) {
  const id = `item-${item.code.toLowerCase()}`;
  const bars: Bar[] = item.distribution.map((cell) => ({
    label: cell.label,
    share: cell.count.withheld ? null : cell.share,
    text: cellText(cell),
  }));
  const scale = item.type === 'scale' || item.type === 'rating';
  return (
    <section className="report-item" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>{m.itemHeading(item.code, item.question)}</h3>
      <p>
        {m.itemN(countText(item.n))}{' '}
        {scale
          ? item.mean
            ? m.mean(decimal(item.mean.value), decimalInterval(item.mean.ci95))
            : m.meanWithheld
          : null}{' '}
        {item.positive ? m.positive(pct(item.positive.share), interval(item.positive.ci95)) : null}
      </p>
      {item.type === 'multiple' ? <p className="hint">{m.multipleNote}</p> : null}
      <div className="report-figure report-pair">
        <BarChart
          id={`${id}-chart`}
          title={m.itemFigure(item.code)}
          desc={m.itemDesc(bars.map((b) => m.itemBar(b.label, b.text)).join('; '))}
          bars={bars}
        />
        <table className="data" data-table={id}>
          <caption>{m.itemCaption(item.code, scope)}</caption>
          <thead>
            <tr>
              <th scope="col">{m.answer}</th>
              <th scope="col" className="num">
                {m.responsesColumn}
              </th>
              <th scope="col" className="num">
                {m.share}
              </th>
            </tr>
          </thead>
          <tbody>
            {item.distribution.map((cell) => (
              <tr key={String(cell.value)}>
                <th scope="row">{cell.label}</th>
                <td className={cell.count.withheld ? 'num withheld' : 'num'}>{countText(cell.count)}</td>
                <td className={cell.count.withheld ? 'num withheld' : 'num'}>
                  {cell.count.withheld ? m.withheld : cell.share === null ? m.none : pct(cell.share)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export function Items({ items, scope }: { items: readonly ItemView[]; scope: string }) {
  const shown = items.filter((item) => item.type !== 'text');
  const texts = items.filter((item) => item.type === 'text');
  return (
    <section className="report-section" aria-labelledby="domande">
      <h2 id="domande">{m.itemsTitle}</h2>
      {shown.length === 0 ? <p>{m.noItems}</p> : null}
      {shown.map((item) => (
        <Item key={item.code} item={item} scope={scope} />
      ))}
      {texts.length > 0 ? (
        <section className="report-item" aria-labelledby="testi-liberi">
          <h3 id="testi-liberi">{m.textItems}</h3>
          <ul>
            {texts.map((item) => (
              <li key={item.code}>
                {m.itemHeading(item.code, item.question)} — {m.itemN(countText(item.n))}
              </li>
            ))}
          </ul>
          <p className="hint">{m.textNote}</p>
        </section>
      ) : null}
    </section>
  );
}
