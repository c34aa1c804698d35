// The list's filters, as a search form: the name and subject boxes apply when typing pauses, every other choice at
// once, and all of them write the address so the view can be linked.
import { useTranslation } from 'react-i18next';
import { RuleSetId } from '../../../../domain/rules';
import { ApplicationKind, LevelId, ProductGroup, Stage, SubjectType } from '../../../../domain/schemas';
import { useSession } from '../../auth/SessionProvider';
import { Field } from '../../components/Field';
import { fromLocalInput, toLocalInput } from '../../format/dates';
import { FilterSelect } from './FilterSelect';
import type { useDebouncedText } from './useDebouncedText';
import type { ProductQueryControls } from './useProductQuery';
import type { CycleSummary } from './useCycles';
import { unitGroups } from './units';

const STARS = ['1', '2', '3', '4', '5'];

interface ProductFiltersProps {
  controls: ProductQueryControls;
  cycles: CycleSummary[];
  search: ReturnType<typeof useDebouncedText>;
  subject: ReturnType<typeof useDebouncedText>;
}

export function ProductFilters({ controls, cycles, search, subject }: ProductFiltersProps) {
  const { t } = useTranslation(['products', 'domain']);
  const { query, set } = controls;
  return (
    <form
      className="product-filters"
      role="search"
      aria-label={t('filters.heading')}
      onSubmit={(event) => event.preventDefault()}
    >
      <div className="form-row">
        <Field label={t('filters.search')} hint={t('filters.searchHint')}>
          <input type="search" maxLength={100} value={search.text} onChange={(e) => search.setText(e.target.value)} />
        </Field>
        {cycles.length > 0 ? (
          <FilterSelect
            label={t('filters.cycle')}
            value={query.cycle}
            onChange={(value) => set('cycle', value)}
            choices={cycles.map((cycle) => ({ value: cycle.cycleId, label: cycle.cycleId }))}
          />
        ) : null}
        <CodeFilter controls={controls} name="stage" codes={Stage.options} />
        <CodeFilter controls={controls} name="group" codes={ProductGroup.options} />
        <FilterSelect
          label={t('filters.stars')}
          value={query.stars}
          onChange={(value) => set('stars', value)}
          choices={STARS.map((stars) => ({ value: stars, label: t('domain:stars', { count: Number(stars) }) }))}
        />
        <UnitFilter controls={controls} cycles={cycles} />
        <Field label={t('filters.subject')} hint={t('filters.subjectHint')}>
          <input maxLength={120} value={subject.text} onChange={(e) => subject.setText(e.target.value)} />
        </Field>
        <CodeFilter controls={controls} name="subjectType" codes={SubjectType.options} />
        <CodeFilter controls={controls} name="level" codes={LevelId.options} />
        <CodeFilter controls={controls} name="kind" codes={ApplicationKind.options} />
        <DeadlineFilter controls={controls} />
      </div>
      <button type="button" className="secondary" onClick={controls.clear}>
        {t('filters.clear')}
      </button>
    </form>
  );
}

interface CodeFilterProps {
  controls: ProductQueryControls;
  /** The query's parameter, which is also where the `domain` catalogue names its codes. */
  name: 'stage' | 'group' | 'subjectType' | 'level' | 'kind';
  codes: readonly string[];
}

/** A filter by one of the domain's codes, each shown by its name in the reader's language. */
function CodeFilter({ controls, name, codes }: CodeFilterProps) {
  const { t } = useTranslation(['products', 'domain']);
  return (
    <FilterSelect
      label={t(`filters.${name}`)}
      value={controls.query[name]}
      onChange={(value) => controls.set(name, value)}
      choices={codes.map((code) => ({ value: code, label: t(`domain:${name}.${code}`) }))}
    />
  );
}

function UnitFilter({ controls, cycles }: Pick<ProductFiltersProps, 'controls' | 'cycles'>) {
  const { t } = useTranslation(['products', 'domain']);
  const { me } = useSession();
  const provinces = [...new Set((me?.grants ?? []).map((grant) => grant.scope.province))];
  const ruleSet = RuleSetId.safeParse(cycles.find((cycle) => cycle.cycleId === controls.query.cycle)?.ruleSetId);
  const groups = unitGroups(provinces, ruleSet.success ? ruleSet.data : undefined);
  return (
    <FilterSelect
      label={t('filters.unit')}
      value={controls.query.unit}
      onChange={(value) => controls.set('unit', value)}
    >
      {groups.map((group) => (
        <optgroup key={`${group.province}-${group.level}`} label={t(`domain:level.${group.level}`)}>
          {group.units.map((unit) => (
            <option key={unit.code} value={unit.code}>
              {unit.name}
            </option>
          ))}
        </optgroup>
      ))}
    </FilterSelect>
  );
}

/** Products due before the start of a day, in Vietnam's time. */
function DeadlineFilter({ controls }: Pick<ProductFiltersProps, 'controls'>) {
  const { t } = useTranslation('products');
  const before = controls.query.deadlineBefore;
  return (
    <Field label={t('filters.deadlineBefore')}>
      <input
        type="date"
        value={before ? toLocalInput(before).slice(0, 10) : ''}
        onChange={(e) =>
          controls.set('deadlineBefore', e.target.value ? fromLocalInput(`${e.target.value}T00:00`) : undefined)
        }
      />
    </Field>
  );
}
