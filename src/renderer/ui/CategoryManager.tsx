import { useId, useState } from 'react';
import { ColorInput } from './ColorInput';
import { ColorPicker } from './ColorPicker';
import { Icon } from './Icon';
import { PALETTE } from './palette';
import { FormError } from './FormError';

interface CategoryManagerProps {
  categories: Record<string, string>;
  onChange: (next: Record<string, string>) => Promise<void>;
}

/**
 * The person's colour categories (name -> colour, kept in their own settings
 * and so on all their devices). Renaming keeps the category's place in the list.
 */
export function CategoryManager({ categories, onChange }: CategoryManagerProps) {
  const id = useId();
  const [editing, setEditing] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [newName, setNewName] = useState('');
  const [newColor, setNewColor] = useState(PALETTE[0]!.color);
  const [error, setError] = useState<string | null>(null);
  const entries = Object.entries(categories);

  const write = async (next: Record<string, string>) => {
    try {
      setError(null);
      await onChange(next);
      return true;
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      return false;
    }
  };

  const rename = async (from: string) => {
    const to = name.trim();
    if (!to || to === from) return setEditing(null);
    if (to in categories) return setError(`There is already a category called "${to}".`);
    const next = Object.fromEntries(entries.map(([k, v]) => (k === from ? [to, v] : [k, v])));
    if (await write(next)) setEditing(null);
  };

  const add = async () => {
    const clean = newName.trim();
    if (!clean) return setError('A category needs a name.');
    if (clean in categories) return setError(`There is already a category called "${clean}".`);
    if (await write({ ...categories, [clean]: newColor })) setNewName('');
  };

  return (
    <section className="category-manager" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>Categories</h3>
      <FormError message={error} />
      <ul>
        {entries.map(([cat, color]) => (
          <li key={cat} className="category-row">
            <ColorInput label={`Colour of category ${cat}`} value={color} onCommit={(c) => void write({ ...categories, [cat]: c })} />
            {editing === cat ? (
              <>
                <label className="sr-only" htmlFor={`${id}-rename`}>{`New name for ${cat}`}</label>
                <input
                  id={`${id}-rename`}
                  autoFocus
                  value={name}
                  onChange={(e) => setName(e.target.value)}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter') {
                      e.preventDefault();
                      void rename(cat);
                    }
                  }}
                />
                <button type="button" className="btn btn-text btn-small" onClick={() => void rename(cat)}>
                  Rename
                </button>
              </>
            ) : (
              <>
                <span className="category-name">{cat}</span>
                <button
                  type="button"
                  className="icon-btn icon-btn-small"
                  aria-label={`Rename category ${cat}`}
                  onClick={() => {
                    setEditing(cat);
                    setName(cat);
                  }}
                >
                  <Icon name="pencil" size={16} />
                </button>
              </>
            )}
            <button
              type="button"
              className="icon-btn icon-btn-small"
              aria-label={`Remove category ${cat}`}
              onClick={() => void write(Object.fromEntries(entries.filter(([k]) => k !== cat)))}
            >
              <Icon name="trash" size={16} />
            </button>
          </li>
        ))}
      </ul>
      <div className="category-add">
        <div className="field">
          <label htmlFor={`${id}-new`}>New category</label>
          <input
            id={`${id}-new`}
            value={newName}
            placeholder="Name"
            onChange={(e) => setNewName(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                void add();
              }
            }}
          />
        </div>
        <ColorPicker label="Colour of the new category" value={newColor} onChange={setNewColor} />
        <button type="button" className="btn btn-outline btn-small" onClick={() => void add()}>
          Add category
        </button>
      </div>
    </section>
  );
}
