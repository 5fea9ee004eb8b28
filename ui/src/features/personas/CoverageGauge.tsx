import type { PersonaSummary } from "../../ipc/client";
import { plural } from "../../lib/format";
import { Icon } from "../../components/Icons";
import { coverageGauge, TARGET_SHARE } from "./coverageGauge";

export function CoverageGauge({ personas }: { personas: PersonaSummary[] }) {
  const gauge = coverageGauge(personas);
  const fill = Math.min(gauge.share, 100);
  return (
    <section className={`gauge gauge-${gauge.level}`} aria-label="Revenue coverage" data-testid="coverage-gauge">
      <div className="gauge-head">
        <p className="gauge-figure">
          <strong data-testid="coverage-share">
            {Number.isInteger(gauge.share) ? gauge.share : gauge.share.toFixed(1)}%
          </strong>{" "}
          of revenue covered by {plural(gauge.count, "persona")}
        </p>
        <p className="gauge-rule">Rule of thumb: up to 5 personas, about {TARGET_SHARE}% of revenue</p>
      </div>
      <div
        className="gauge-track"
        role="meter"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={fill}
        aria-label="Share of revenue covered"
      >
        <span className="gauge-fill" style={{ width: `${fill}%` }} />
        <span className="gauge-target" style={{ left: `${TARGET_SHARE}%` }} aria-hidden="true" />
      </div>
      {gauge.messages.length > 0 && (
        <ul className="gauge-messages">
          {gauge.messages.map((m) => (
            <li key={m.text} className={`gauge-message gauge-message-${m.level}`} data-testid="coverage-message">
              <Icon name="alert" size={14} /> {m.text}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
