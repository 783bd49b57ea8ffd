// The console's one stylesheet, served from /console/console.css (the CSP allows only the
// console's own origin, so no inline style or script is needed anywhere).
export const CONSOLE_CSS = `
:root { color-scheme: light; --ink: #1d232b; --muted: #5b6674; --line: #d5dbe3; --accent: #1f5fbf; --ok: #1b7a3a; --bad: #b3261e; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, sans-serif; color: var(--ink); background: #f6f8fa; }
header { background: #17324f; color: #fff; padding: 0.6rem 1.2rem; display: flex; gap: 1.2rem; align-items: baseline; flex-wrap: wrap; }
header nav { display: flex; gap: 1rem; flex-wrap: wrap; }
header a { color: #dce8f7; text-decoration: none; }
header a:hover, header a[aria-current="page"] { color: #fff; text-decoration: underline; }
header .brand { font-weight: 700; color: #fff; margin-right: 0.6rem; }
main { padding: 1rem 1.2rem 3rem; max-width: 80rem; }
h1 { font-size: 1.4rem; margin: 0.4rem 0 1rem; }
h2 { font-size: 1.1rem; margin: 1.6rem 0 0.6rem; }
table { border-collapse: collapse; background: #fff; margin: 0.4rem 0 1rem; }
th, td { border: 1px solid var(--line); padding: 0.3rem 0.6rem; text-align: left; vertical-align: top; }
th { background: #eef2f6; font-weight: 600; }
.value { font-family: ui-monospace, monospace; }
.empty, .muted { color: var(--muted); }
.flash { padding: 0.6rem 0.9rem; border-radius: 4px; margin-bottom: 1rem; }
.flash.ok { background: #e3f4e8; border: 1px solid var(--ok); }
.flash.error, .refusal { background: #fbe9e7; border: 1px solid var(--bad); padding: 0.6rem 0.9rem; border-radius: 4px; }
.readonly { background: #fff6d6; border: 1px solid #c9a400; padding: 0.5rem 0.9rem; border-radius: 4px; margin-bottom: 1rem; }
form.inline { display: inline; margin: 0 0.3rem 0 0; }
button { font: inherit; padding: 0.25rem 0.7rem; border: 1px solid var(--accent); background: #fff; color: var(--accent); border-radius: 4px; cursor: pointer; }
button:hover { background: var(--accent); color: #fff; }
input[type="text"] { font: inherit; padding: 0.25rem 0.5rem; min-width: 22rem; }
.cards { display: flex; gap: 1rem; flex-wrap: wrap; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 0.8rem 1rem; min-width: 12rem; }
.card .count { font-size: 1.8rem; font-weight: 700; }
`;
