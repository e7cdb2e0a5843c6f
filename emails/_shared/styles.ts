// Shared by the templates; React Email's preview leaves folders starting with _ out of its list.
export const styles = {
  body: { backgroundColor: '#f6f7f9', fontFamily: 'system-ui, -apple-system, Segoe UI, Roboto, sans-serif', margin: 0, padding: '24px 0' },
  container: { backgroundColor: '#ffffff', border: '1px solid #dfe3e8', borderRadius: '12px', maxWidth: '520px', padding: '24px' },
  brand: { color: '#1d6fd6', fontSize: '22px', fontWeight: 800, margin: '0 0 12px' },
  lead: { color: '#14171a', fontSize: '16px', lineHeight: '24px' },
  peep: { border: '1px solid #dfe3e8', borderRadius: '10px', padding: '4px 16px', margin: '8px 0 20px' },
  peepAuthor: { color: '#14171a', fontWeight: 700, margin: '12px 0 0' },
  peepBody: { color: '#14171a', fontSize: '16px', lineHeight: '24px', whiteSpace: 'pre-wrap' as const, margin: '4px 0' },
  muted: { color: '#536471', fontSize: '14px', fontWeight: 400 },
  button: { backgroundColor: '#1d6fd6', borderRadius: '999px', color: '#ffffff', fontWeight: 700, padding: '10px 20px', textDecoration: 'none' },
  hr: { borderColor: '#dfe3e8', margin: '24px 0 12px' },
  footer: { color: '#536471', fontSize: '13px', lineHeight: '20px' },
};
