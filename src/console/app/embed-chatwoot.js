// The console inside a Chatwoot dashboard app. Chatwoot posts the conversation beside the
// sidebar ({event: 'appContext', data: {conversation: {id}, contact, currentAgent}}, as JSON
// text) to the page, and answers 'chatwoot-dashboard-app:fetch-info' with it. The id is a HINT
// only: messages from any origin but Chatwoot's (boot.parentOrigins) are ignored, and the
// dispute is looked up with the agent's own key, which sees only its seller's tickets.
import { api } from './api.js';
import { boot } from './boot.js';

const CONVERSATION_ID = /^[0-9]{1,20}$/;

/** The conversation id an appContext message names, or null for anything else. */
function conversationOf(data) {
  let msg = data;
  if (typeof data === 'string') {
    try {
      msg = JSON.parse(data);
    } catch {
      return null;
    }
  }
  const id = msg && msg.event === 'appContext' ? msg.data?.conversation?.id : undefined;
  return id !== undefined && CONVERSATION_ID.test(String(id)) ? String(id) : null;
}

/**
 * Listens for Chatwoot's context and opens the linked dispute with `openDispute(id)`; says why
 * through `notify(text)` when the conversation has none. Returns the function that stops it.
 */
export function startChatwootContext(openDispute, notify) {
  const origins = new Set(boot.parentOrigins || []);
  let latest = 0;
  async function onMessage(e) {
    if (!origins.has(e.origin) || e.source !== window.parent) return;
    const conversation = conversationOf(e.data);
    if (!conversation) return;
    const mine = ++latest; // a newer conversation wins over a slower answer for an older one
    try {
      const link = await api(`/api/helpdesks/chatwoot/tickets/${conversation}`);
      if (mine === latest) openDispute(link.disputeId);
    } catch (err) {
      if (mine === latest) notify(err.status === 404 ? `Conversation ${conversation} is not linked to a dispute you may see.` : err.message);
    }
  }
  window.addEventListener('message', onMessage);
  for (const origin of origins) window.parent.postMessage('chatwoot-dashboard-app:fetch-info', origin);
  return () => window.removeEventListener('message', onMessage);
}
