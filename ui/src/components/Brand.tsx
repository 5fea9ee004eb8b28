// The app's mark and name, in the header and on the start screen.
export function Brand({ size = 22, className = "brand" }: { size?: number; className?: string }) {
  return (
    <span className={className}>
      <svg width={size} height={size} viewBox="0 0 24 24" aria-hidden="true">
        <rect width="24" height="24" rx="6" fill="var(--accent)" />
        <path d="M5 17c4 0 4.5-5 7-5s3-5 7-5" stroke="#fff" strokeWidth="2.2" fill="none" strokeLinecap="round" />
      </svg>
      Successmap
    </span>
  );
}
