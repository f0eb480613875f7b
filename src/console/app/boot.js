// What the server put in the page (shell.ts ConsoleBoot): auth mode, and for embeds a token and a dispute.
const el = document.getElementById('console-boot');
export const boot = Object.freeze(el ? JSON.parse(el.textContent || '{}') : { auth: 'on' });
