// The widget's own words in the six languages Parley's interface speaks, and how a language tag picks
// them and the writing direction. A small table in the bundle: no request is made to translate.

export interface WidgetStrings {
  readonly launcher: string;
  readonly title: string;
  readonly close: string;
  readonly messages: string;
  readonly inputLabel: string;
  readonly placeholder: string;
  readonly send: string;
  readonly stop: string;
  readonly stopped: string;
  readonly greeting: string;
  readonly loading: string;
  readonly you: string;
  readonly assistant: string;
  readonly sources: string;
  readonly source: (n: number) => string;
  readonly page: (page: number) => string;
  readonly poweredBy: string;
  readonly originNotAllowed: string;
  readonly invalidKey: string;
  readonly wrongKeyKind: string;
  readonly rateLimited: (seconds: number | null) => string;
  readonly unavailable: string;
  readonly sendFailed: string;
  readonly answerFailed: string;
  readonly tooLong: (max: number) => string;
}

export const widgetLanguages = ['en', 'he', 'fa', 'ar', 'ru', 'pt'] as const;
export type WidgetLanguage = (typeof widgetLanguages)[number];

const STRINGS: Readonly<Record<WidgetLanguage, WidgetStrings>> = {
  en: {
    launcher: 'Chat with us',
    title: 'Chat',
    close: 'Close chat',
    messages: 'Conversation',
    inputLabel: 'Your message',
    placeholder: 'Ask a question…',
    send: 'Send',
    stop: 'Stop',
    stopped: 'Stopped.',
    greeting: 'Hello! How can I help you?',
    loading: 'Loading…',
    you: 'You',
    assistant: 'Assistant',
    sources: 'Sources',
    source: (n) => `Source ${n}`,
    page: (page) => `p. ${page}`,
    poweredBy: 'Powered by',
    originNotAllowed: 'This chat is not enabled on this website. The site owner can allow this address in Parley.',
    invalidKey: 'This chat is not available: its key is unknown or was revoked.',
    wrongKeyKind: 'This chat is set up with a secret key. The site owner must use a publishable key (pk_…).',
    rateLimited: (s) => (s ? `Too many messages. Please try again in ${s} seconds.` : 'Too many messages. Please try again in a moment.'),
    unavailable: 'The chat is unavailable right now. Please try again later.',
    sendFailed: 'Your message could not be sent. Please try again.',
    answerFailed: 'The answer could not be completed.',
    tooLong: (max) => `Messages can be up to ${max} characters long.`,
  },
  he: {
    launcher: 'צ׳אט איתנו',
    title: 'צ׳אט',
    close: 'סגירת הצ׳אט',
    messages: 'שיחה',
    inputLabel: 'ההודעה שלך',
    placeholder: 'שאלו שאלה…',
    send: 'שליחה',
    stop: 'עצירה',
    stopped: 'נעצר.',
    greeting: 'שלום! איך אפשר לעזור?',
    loading: 'טוען…',
    you: 'את/ה',
    assistant: 'העוזר',
    sources: 'מקורות',
    source: (n) => `מקור ${n}`,
    page: (page) => `עמ' ${page}`,
    poweredBy: 'מופעל על ידי',
    originNotAllowed: 'הצ׳אט לא מופעל באתר הזה. בעל האתר יכול לאשר את הכתובת הזו ב-Parley.',
    invalidKey: 'הצ׳אט לא זמין: המפתח שלו לא מוכר או שבוטל.',
    wrongKeyKind: 'הצ׳אט מוגדר עם מפתח סודי. על בעל האתר להשתמש במפתח ציבורי (pk_…).',
    rateLimited: (s) => (s ? `יותר מדי הודעות. נסו שוב בעוד ${s} שניות.` : 'יותר מדי הודעות. נסו שוב בעוד רגע.'),
    unavailable: 'הצ׳אט לא זמין כרגע. נסו שוב מאוחר יותר.',
    sendFailed: 'לא הצלחנו לשלוח את ההודעה. נסו שוב.',
    answerFailed: 'לא ניתן היה להשלים את התשובה.',
    tooLong: (max) => `הודעה יכולה להכיל עד ${max} תווים.`,
  },
  fa: {
    launcher: 'گفتگو با ما',
    title: 'گفتگو',
    close: 'بستن گفتگو',
    messages: 'گفتگو',
    inputLabel: 'پیام شما',
    placeholder: 'سؤال خود را بپرسید…',
    send: 'ارسال',
    stop: 'توقف',
    stopped: 'متوقف شد.',
    greeting: 'سلام! چطور می‌توانم کمکتان کنم؟',
    loading: 'در حال بارگذاری…',
    you: 'شما',
    assistant: 'دستیار',
    sources: 'منابع',
    source: (n) => `منبع ${n}`,
    page: (page) => `صفحه ${page}`,
    poweredBy: 'قدرت‌گرفته از',
    originNotAllowed: 'این گفتگو در این وب‌سایت فعال نیست. مالک سایت می‌تواند این نشانی را در Parley مجاز کند.',
    invalidKey: 'این گفتگو در دسترس نیست: کلید آن ناشناخته است یا باطل شده است.',
    wrongKeyKind: 'این گفتگو با کلید محرمانه تنظیم شده است. مالک سایت باید از کلید عمومی (pk_…) استفاده کند.',
    rateLimited: (s) =>
      s
        ? `پیام‌ها بیش از حد مجاز است. لطفاً ${s} ثانیه دیگر دوباره تلاش کنید.`
        : 'پیام‌ها بیش از حد مجاز است. لطفاً کمی بعد دوباره تلاش کنید.',
    unavailable: 'گفتگو اکنون در دسترس نیست. لطفاً بعداً دوباره تلاش کنید.',
    sendFailed: 'پیام شما ارسال نشد. لطفاً دوباره تلاش کنید.',
    answerFailed: 'پاسخ کامل نشد.',
    tooLong: (max) => `پیام حداکثر می‌تواند ${max} نویسه داشته باشد.`,
  },
  ar: {
    launcher: 'تحدّث معنا',
    title: 'محادثة',
    close: 'إغلاق المحادثة',
    messages: 'المحادثة',
    inputLabel: 'رسالتك',
    placeholder: 'اطرح سؤالًا…',
    send: 'إرسال',
    stop: 'إيقاف',
    stopped: 'تم الإيقاف.',
    greeting: 'مرحبًا! كيف يمكنني مساعدتك؟',
    loading: 'جارٍ التحميل…',
    you: 'أنت',
    assistant: 'المساعد',
    sources: 'المصادر',
    source: (n) => `المصدر ${n}`,
    page: (page) => `صفحة ${page}`,
    poweredBy: 'مدعوم من',
    originNotAllowed: 'هذه المحادثة غير مفعّلة على هذا الموقع. يمكن لمالك الموقع السماح بهذا العنوان في Parley.',
    invalidKey: 'هذه المحادثة غير متاحة: مفتاحها غير معروف أو أُلغي.',
    wrongKeyKind: 'هذه المحادثة مُعدّة بمفتاح سري. يجب على مالك الموقع استخدام مفتاح عام (pk_…).',
    rateLimited: (s) => (s ? `رسائل كثيرة جدًا. يُرجى المحاولة مجددًا بعد ${s} ثانية.` : 'رسائل كثيرة جدًا. يُرجى المحاولة مجددًا بعد قليل.'),
    unavailable: 'المحادثة غير متاحة حاليًا. يُرجى المحاولة لاحقًا.',
    sendFailed: 'تعذّر إرسال رسالتك. يُرجى المحاولة مجددًا.',
    answerFailed: 'تعذّر إكمال الإجابة.',
    tooLong: (max) => `يمكن أن تحتوي الرسالة على ${max} حرفًا كحد أقصى.`,
  },
  ru: {
    launcher: 'Напишите нам',
    title: 'Чат',
    close: 'Закрыть чат',
    messages: 'Переписка',
    inputLabel: 'Ваше сообщение',
    placeholder: 'Задайте вопрос…',
    send: 'Отправить',
    stop: 'Остановить',
    stopped: 'Остановлено.',
    greeting: 'Здравствуйте! Чем могу помочь?',
    loading: 'Загрузка…',
    you: 'Вы',
    assistant: 'Ассистент',
    sources: 'Источники',
    source: (n) => `Источник ${n}`,
    page: (page) => `с. ${page}`,
    poweredBy: 'Работает на',
    originNotAllowed: 'Этот чат не включён на этом сайте. Владелец сайта может разрешить этот адрес в Parley.',
    invalidKey: 'Чат недоступен: его ключ неизвестен или отозван.',
    wrongKeyKind: 'Чат настроен с секретным ключом. Владельцу сайта нужен публикуемый ключ (pk_…).',
    rateLimited: (s) =>
      s ? `Слишком много сообщений. Попробуйте снова через ${s} с.` : 'Слишком много сообщений. Попробуйте снова чуть позже.',
    unavailable: 'Чат сейчас недоступен. Попробуйте позже.',
    sendFailed: 'Не удалось отправить сообщение. Попробуйте ещё раз.',
    answerFailed: 'Не удалось завершить ответ.',
    tooLong: (max) => `Сообщение может содержать не более ${max} символов.`,
  },
  pt: {
    launcher: 'Fale conosco',
    title: 'Chat',
    close: 'Fechar o chat',
    messages: 'Conversa',
    inputLabel: 'Sua mensagem',
    placeholder: 'Faça uma pergunta…',
    send: 'Enviar',
    stop: 'Parar',
    stopped: 'Interrompido.',
    greeting: 'Olá! Como posso ajudar?',
    loading: 'Carregando…',
    you: 'Você',
    assistant: 'Assistente',
    sources: 'Fontes',
    source: (n) => `Fonte ${n}`,
    page: (page) => `p. ${page}`,
    poweredBy: 'Desenvolvido com',
    originNotAllowed: 'Este chat não está ativado neste site. O dono do site pode permitir este endereço no Parley.',
    invalidKey: 'Este chat não está disponível: a chave dele é desconhecida ou foi revogada.',
    wrongKeyKind: 'Este chat está configurado com uma chave secreta. O dono do site deve usar uma chave publicável (pk_…).',
    rateLimited: (s) => (s ? `Mensagens demais. Tente novamente em ${s} segundos.` : 'Mensagens demais. Tente novamente daqui a pouco.'),
    unavailable: 'O chat não está disponível agora. Tente novamente mais tarde.',
    sendFailed: 'Não foi possível enviar sua mensagem. Tente novamente.',
    answerFailed: 'Não foi possível concluir a resposta.',
    tooLong: (max) => `As mensagens podem ter até ${max} caracteres.`,
  },
};

/** Languages written right to left (the widget's own four, and Urdu, which Parley's assistants may speak). */
const RTL = new Set(['he', 'fa', 'ar', 'ur']);

/** The primary subtag of a BCP 47 tag, lower-cased ("pt-BR" → "pt"); "" when there is none. */
export function primaryLanguage(tag: string | null | undefined): string {
  return (tag ?? '').trim().toLowerCase().split(/[-_]/)[0] ?? '';
}

export function directionOf(tag: string): 'ltr' | 'rtl' {
  return RTL.has(primaryLanguage(tag)) ? 'rtl' : 'ltr';
}

/** The strings for a language tag; English for a language the widget does not speak. */
export function stringsFor(tag: string): WidgetStrings {
  const primary = primaryLanguage(tag);
  return (widgetLanguages as readonly string[]).includes(primary) ? STRINGS[primary as WidgetLanguage] : STRINGS.en;
}
