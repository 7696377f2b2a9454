import type { ChatStrings } from './strings'

// German in the du-form, as German chat products address their users (docs/i18n.md says why and how to switch to
// Sie). Typography: en dash with spaces for a pause, a space before the ellipsis that stands for an ongoing action;
// no-break spaces (\u00a0) keep a number with its unit and the ellipsis with its word when a line wraps.
const seconds = (n: number) => (n === 1 ? '1\u00a0Sekunde' : `${n}\u00a0Sekunden`)

/** Deutsch (du-Form). */
export const de: ChatStrings = {
  message: {
    roles: { user: 'Du', assistant: 'Assistent', system: 'System', tool: 'Werkzeug' },
    label: { user: 'Deine Nachricht', assistant: 'Antwort des Assistenten', system: 'Systemnachricht', tool: 'Werkzeugausgabe' },
    typing: 'Der Assistent schreibt\u00a0…',
    stop: 'Anhalten',
    copy: 'Kopieren',
    copied: 'Kopiert',
    retry: 'Erneut versuchen',
    stopped: 'Angehalten – die Antwort oben ist unvollständig.',
  },
  code: {
    copy: 'Kopieren',
    copied: 'Kopiert',
    copyTarget: (language) => ` (${language}-Code)`,
  },
  connection: {
    reconnectingIn: (n) => `Verbindung unterbrochen – neuer Versuch in ${seconds(n)}\u00a0…`,
    reconnecting: 'Verbindung unterbrochen – wird wiederhergestellt\u00a0…',
    busyIn: (n) => `Der Server ist ausgelastet – neuer Versuch in ${seconds(n)}\u00a0…`,
    busy: 'Der Server ist ausgelastet – neuer Versuch läuft\u00a0…',
    serverIn: (n) => `Beim Server ist ein Fehler aufgetreten – neuer Versuch in ${seconds(n)}\u00a0…`,
    server: 'Beim Server ist ein Fehler aufgetreten – neuer Versuch läuft\u00a0…',
    offline: 'Du bist offline – die Antwort geht weiter, sobald du wieder online bist.',
    restored: 'Verbindung wiederhergestellt.',
  },
  errors: {
    offline: 'Du bist offline. Prüfe deine Verbindung und versuche es dann erneut.',
    unreachable: 'Der Assistent ist gerade nicht erreichbar. Versuche es gleich noch einmal.',
    cutOff: 'Die Verbindung ist abgebrochen, deshalb ist diese Antwort unvollständig.',
    stalled: 'Die Verbindung reagiert nicht mehr, deshalb ist diese Antwort unvollständig.',
    busy: 'Der Assistent ist gerade stark ausgelastet. Versuche es gleich noch einmal.',
    serverFailed: 'Bei uns ist ein Fehler aufgetreten. Versuche es gleich noch einmal.',
    sessionExpired: 'Deine Sitzung ist abgelaufen. Melde dich neu an und versuche es dann noch einmal.',
    notAllowed: 'Du hast keinen Zugriff auf diesen Chat.',
    notFound: 'Dieser Chat wurde nicht gefunden.',
    tooLarge: 'Diese Nachricht ist zu groß.',
    rejected: 'Die Anfrage wurde nicht angenommen. Wenn das wieder passiert, wende dich bitte an den Support.',
    answerFailed: 'Der Assistent konnte diese Antwort nicht abschließen.',
    unexpected: 'Der Assistent hat eine Antwort geschickt, die diese App nicht lesen kann. Wenn das wieder passiert, wende dich bitte an den Support.',
    stopped: 'Die Antwort wurde angehalten.',
    unknown: 'Etwas ist schiefgelaufen.',
    details: 'Technische Details',
  },
  notice: {
    dismiss: 'Hinweis ausblenden',
    severity: { info: 'Hinweis', warning: 'Warnung', error: 'Störung' },
    until: (when) => `Voraussichtlich bis ${when}\u00a0Uhr.`,
    messages: {
      degraded: 'Antworten kommen gerade eventuell langsam oder brechen ab. Wir arbeiten daran.',
      outage: 'Der Assistent ist gerade nicht verfügbar. Wir arbeiten daran.',
      maintenance: 'Geplante Wartung: Der Assistent ist eventuell kurz nicht verfügbar.',
    },
  },
  list: {
    label: 'Nachrichten',
    empty: 'Noch keine Nachrichten.',
    answerStarted: 'Der Assistent antwortet.',
    answerCompleted: 'Die Antwort ist vollständig.',
    answerStopped: 'Die Antwort wurde angehalten.',
    answerFailed: 'Die Antwort ist fehlgeschlagen.',
    jumpToLatest: 'Zur neuesten Nachricht',
    unseen: (count) => (count === 1 ? '1 neue Nachricht' : `${count} neue Nachrichten`),
    loadingOlder: 'Ältere Nachrichten werden geladen\u00a0…',
  },
}
