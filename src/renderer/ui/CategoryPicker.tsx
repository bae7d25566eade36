interface CategoryPickerProps {
  /** The person's categories: name -> colour (settings.categories). */
  categories: Record<string, string>;
  value: string[];
  onChange: (next: string[]) => void;
}

/**
 * Colour categories on an event. Names the event carries that the person has
 * no colour for (set by someone else, or renamed since) stay listed and can be
 * removed, rather than vanishing on save.
 */
export function CategoryPicker({ categories, value, onChange }: CategoryPickerProps) {
  const names = [...Object.keys(categories), ...value.filter((n) => !(n in categories))];
  return (
    <fieldset className="field categories-picker">
      <legend>Categories</legend>
      {names.length === 0 && <p className="muted">No categories yet. Add them in Settings.</p>}
      <div className="chip-list">
        {names.map((name) => {
          const on = value.includes(name);
          return (
            <label key={name} className={`chip ${on ? 'chip-on' : ''}`}>
              <input type="checkbox" checked={on} onChange={(e) => onChange(e.target.checked ? [...value, name] : value.filter((n) => n !== name))} />
              <span className="swatch" style={{ background: categories[name] ?? '#9aa0a6' }} aria-hidden="true" />
              {name}
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}
