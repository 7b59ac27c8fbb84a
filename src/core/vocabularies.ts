/**
 * Controlled vocabularies. Codes are stable identifiers stored in the database and sent over
 * the API; labels are for people, in English and Russian. Changing a code is a schema change.
 */
export interface Term {
  readonly code: string;
  readonly en: string;
  readonly ru: string;
  readonly description?: string;
}

export interface Vocabulary<C extends string = string> {
  readonly id: string;
  readonly version: number;
  readonly en: string;
  readonly ru: string;
  readonly terms: readonly (Term & { code: C })[];
}

function vocabulary<const T extends readonly Term[]>(
  id: string,
  en: string,
  ru: string,
  terms: T,
): Vocabulary<T[number]['code']> & { codes: readonly T[number]['code'][] } {
  return { id, version: 1, en, ru, terms, codes: terms.map((t) => t.code) };
}

export const ACT_TYPES = vocabulary('act_type', 'Act type', 'Вид нарушения', [
  { code: 'killing', en: 'Killing', ru: 'Убийство' },
  { code: 'detention', en: 'Detention', ru: 'Задержание' },
  { code: 'torture', en: 'Torture', ru: 'Пытки' },
  { code: 'ill_treatment', en: 'Ill-treatment', ru: 'Жестокое обращение' },
  { code: 'enforced_disappearance', en: 'Enforced disappearance', ru: 'Насильственное исчезновение' },
  { code: 'abduction', en: 'Abduction', ru: 'Похищение' },
  { code: 'threat', en: 'Threat', ru: 'Угрозы' },
  { code: 'document_confiscation', en: 'Confiscation of documents', ru: 'Изъятие документов' },
  { code: 'coerced_statement', en: 'Coerced statement', ru: 'Принуждение к показаниям' },
  { code: 'movement_restriction', en: 'Restriction of movement', ru: 'Ограничение свободы передвижения' },
  { code: 'denial_of_justice', en: 'Denial of access to justice', ru: 'Лишение доступа к правосудию' },
  { code: 'raid', en: 'Raid', ru: 'Облава' },
  { code: 'dispersal', en: 'Dispersal of an assembly', ru: 'Разгон собрания' },
  { code: 'injury', en: 'Injury', ru: 'Ранение' },
  { code: 'sexual_violence', en: 'Sexual violence', ru: 'Сексуальное насилие' },
  { code: 'prosecution', en: 'Arbitrary prosecution', ru: 'Незаконное преследование' },
  { code: 'other', en: 'Other', ru: 'Другое' },
] as const);

export const STANCES = vocabulary('stance', 'Stance', 'Позиция', [
  { code: 'alleges', en: 'Alleges', ru: 'Утверждает', description: 'Asserts a violation or a figure.' },
  { code: 'denies', en: 'Denies', ru: 'Отрицает', description: 'Rejects an allegation or gives a lower figure as a rebuttal.' },
  { code: 'confirms', en: 'Confirms', ru: 'Подтверждает', description: 'Presents itself as verification.' },
  { code: 'acknowledges', en: 'Acknowledges', ru: 'Признаёт', description: 'An authority admits an occurrence or a figure.' },
  { code: 'promises_investigation', en: 'Promises investigation', ru: 'Обещает проверку' },
  { code: 'demands_action', en: 'Demands action', ru: 'Требует действий' },
  { code: 'other', en: 'Other', ru: 'Другое', description: 'Deflection, justification, context.' },
] as const);

export const COUNT_QUALIFIERS = vocabulary('count_qualifier', 'Count qualifier', 'Уточнение числа', [
  { code: 'exact', en: 'Exactly', ru: 'Ровно' },
  { code: 'at_least', en: 'At least', ru: 'Не менее' },
  { code: 'at_most', en: 'At most', ru: 'Не более' },
  { code: 'about', en: 'About', ru: 'Около' },
  { code: 'more_than', en: 'More than', ru: 'Более' },
  { code: 'fewer_than', en: 'Fewer than', ru: 'Менее' },
  { code: 'range', en: 'Between', ru: 'От и до' },
  { code: 'unspecified', en: 'Unspecified', ru: 'Не указано' },
] as const);

export const DATE_PRECISIONS = vocabulary('date_precision', 'Date precision', 'Точность даты', [
  { code: 'day', en: 'Day', ru: 'День' },
  { code: 'week', en: 'Week', ru: 'Неделя' },
  { code: 'month', en: 'Month', ru: 'Месяц' },
  { code: 'year', en: 'Year', ru: 'Год' },
  { code: 'unknown', en: 'Unknown', ru: 'Неизвестно' },
] as const);

export const VERIFICATION_STATUSES = vocabulary('verification_status', 'Verification status', 'Статус проверки', [
  { code: 'unverified', en: 'Unverified', ru: 'Не проверено', description: 'No accepted claim supports it yet.' },
  { code: 'alleged', en: 'Alleged', ru: 'Заявлено', description: 'Supported by one independent source.' },
  { code: 'corroborated', en: 'Corroborated', ru: 'Подтверждено источниками', description: 'Supported by two or more independent sources.' },
  { code: 'verified', en: 'Verified', ru: 'Проверено', description: 'A reviewer has verified it.' },
  { code: 'contested', en: 'Contested', ru: 'Оспаривается', description: 'A party denies it.' },
  { code: 'refuted', en: 'Refuted', ru: 'Опровергнуто', description: 'A reviewer has found it false.' },
] as const);

/** What a reviewer may decide about an incident; the rest of the status is derived. */
export const REVIEW_DECISIONS = vocabulary('review_decision', 'Review decision', 'Решение проверяющего', [
  { code: 'verified', en: 'Verified', ru: 'Проверено' },
  { code: 'refuted', en: 'Refuted', ru: 'Опровергнуто' },
] as const);

export const SOURCE_KINDS = vocabulary('source_kind', 'Source kind', 'Тип источника', [
  { code: 'news_article', en: 'News article', ru: 'Новостная статья' },
  { code: 'ngo_report', en: 'NGO report', ru: 'Доклад НКО' },
  { code: 'testimony', en: 'Testimony', ru: 'Свидетельство' },
  { code: 'official_statement', en: 'Official statement', ru: 'Официальное заявление' },
  { code: 'social_post', en: 'Social media post', ru: 'Публикация в соцсетях' },
  { code: 'court_document', en: 'Court document', ru: 'Судебный документ' },
  { code: 'other', en: 'Other', ru: 'Другое' },
] as const);

/** Source reliability, the Admiralty (NATO) scale. */
export const RELIABILITY = vocabulary('reliability', 'Source reliability', 'Надёжность источника', [
  { code: 'A', en: 'Completely reliable', ru: 'Полностью надёжный' },
  { code: 'B', en: 'Usually reliable', ru: 'Обычно надёжный' },
  { code: 'C', en: 'Fairly reliable', ru: 'Достаточно надёжный' },
  { code: 'D', en: 'Not usually reliable', ru: 'Обычно ненадёжный' },
  { code: 'E', en: 'Unreliable', ru: 'Ненадёжный' },
  { code: 'F', en: 'Reliability cannot be judged', ru: 'Надёжность невозможно оценить' },
] as const);

/** Information credibility, the Admiralty (NATO) scale. */
export const CREDIBILITY = vocabulary('credibility', 'Information credibility', 'Достоверность сведений', [
  { code: '1', en: 'Confirmed by other sources', ru: 'Подтверждено другими источниками' },
  { code: '2', en: 'Probably true', ru: 'Вероятно, достоверно' },
  { code: '3', en: 'Possibly true', ru: 'Возможно, достоверно' },
  { code: '4', en: 'Doubtful', ru: 'Сомнительно' },
  { code: '5', en: 'Improbable', ru: 'Маловероятно' },
  { code: '6', en: 'Truth cannot be judged', ru: 'Достоверность невозможно оценить' },
] as const);

export const INVOLVEMENT_DEGREES = vocabulary('involvement_degree', 'Degree of involvement', 'Степень причастности', [
  { code: 'direct', en: 'Direct perpetrator', ru: 'Непосредственный исполнитель' },
  { code: 'ordered', en: 'Ordered', ru: 'Отдал приказ' },
  { code: 'complicit', en: 'Complicit', ru: 'Соучастник' },
  { code: 'failed_to_prevent', en: 'Failed to prevent', ru: 'Не предотвратил' },
  { code: 'unknown', en: 'Unknown', ru: 'Неизвестно' },
] as const);

export const ACTOR_KINDS = vocabulary('actor_kind', 'Actor kind', 'Тип участника', [
  { code: 'organisation', en: 'Organisation', ru: 'Организация' },
  { code: 'person', en: 'Person', ru: 'Человек' },
] as const);

export const ORGANISATION_TYPES = vocabulary('organisation_type', 'Organisation type', 'Тип организации', [
  { code: 'government', en: 'Government', ru: 'Правительство' },
  { code: 'ministry', en: 'Ministry', ru: 'Министерство' },
  { code: 'agency', en: 'State agency', ru: 'Государственное ведомство' },
  { code: 'police', en: 'Police unit', ru: 'Подразделение полиции' },
  { code: 'security_service', en: 'Security service', ru: 'Спецслужба' },
  { code: 'military', en: 'Military unit', ru: 'Воинская часть' },
  { code: 'armed_group', en: 'Armed group', ru: 'Вооружённая группа' },
  { code: 'court', en: 'Court', ru: 'Суд' },
  { code: 'ngo', en: 'NGO', ru: 'НКО' },
  { code: 'media', en: 'Media outlet', ru: 'СМИ' },
  { code: 'other', en: 'Other', ru: 'Другое' },
] as const);

/** Whether a claim has been reviewed by a person (claims proposed by extraction start as proposed). */
export const REVIEW_STATES = vocabulary('review_state', 'Review state', 'Состояние проверки', [
  { code: 'proposed', en: 'Proposed, awaiting review', ru: 'Предложено, ждёт проверки' },
  { code: 'accepted', en: 'Accepted', ru: 'Принято' },
  { code: 'rejected', en: 'Rejected', ru: 'Отклонено' },
] as const);

export const PLACE_KINDS = vocabulary('place_kind', 'Place kind', 'Тип места', [
  { code: 'country', en: 'Country', ru: 'Страна' },
  { code: 'region', en: 'Region', ru: 'Регион' },
  { code: 'locality', en: 'Locality', ru: 'Населённый пункт' },
] as const);

export const VOCABULARIES = [
  ACT_TYPES,
  STANCES,
  COUNT_QUALIFIERS,
  DATE_PRECISIONS,
  VERIFICATION_STATUSES,
  REVIEW_DECISIONS,
  SOURCE_KINDS,
  RELIABILITY,
  CREDIBILITY,
  INVOLVEMENT_DEGREES,
  ACTOR_KINDS,
  ORGANISATION_TYPES,
  REVIEW_STATES,
  PLACE_KINDS,
] as const;

export type ActType = (typeof ACT_TYPES.codes)[number];
export type Stance = (typeof STANCES.codes)[number];
export type CountQualifier = (typeof COUNT_QUALIFIERS.codes)[number];
export type DatePrecision = (typeof DATE_PRECISIONS.codes)[number];
export type VerificationStatus = (typeof VERIFICATION_STATUSES.codes)[number];
export type ReviewDecision = (typeof REVIEW_DECISIONS.codes)[number];
export type SourceKind = (typeof SOURCE_KINDS.codes)[number];
export type Reliability = (typeof RELIABILITY.codes)[number];
export type Credibility = (typeof CREDIBILITY.codes)[number];
export type InvolvementDegree = (typeof INVOLVEMENT_DEGREES.codes)[number];
export type ActorKind = (typeof ACTOR_KINDS.codes)[number];
export type OrganisationType = (typeof ORGANISATION_TYPES.codes)[number];
export type ReviewState = (typeof REVIEW_STATES.codes)[number];
export type PlaceKind = (typeof PLACE_KINDS.codes)[number];

export function label(vocab: Vocabulary, code: string, lang: 'en' | 'ru' = 'en'): string {
  return vocab.terms.find((t) => t.code === code)?.[lang] ?? code;
}
