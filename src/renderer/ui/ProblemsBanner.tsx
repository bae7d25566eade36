interface ProblemsBannerProps {
  problems: string[];
  onDismiss: () => void;
}

/** Problems the store met while loading (or saving), shown once above the grid until dismissed. */
export function ProblemsBanner({ problems, onDismiss }: ProblemsBannerProps) {
  if (problems.length === 0) return null;
  return (
    <div className="banner" role="alert">
      <div className="banner-text">
        {problems.length === 1 ? (
          <p>{problems[0]}</p>
        ) : (
          <>
            <p>Some things need your attention:</p>
            <ul>
              {problems.map((p, i) => (
                <li key={i}>{p}</li>
              ))}
            </ul>
          </>
        )}
      </div>
      <button type="button" className="btn btn-text btn-small" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}
