// URL slugs from free-text names. Names in Hebrew, Persian, Russian… have no ASCII letters to keep,
// so a fallback word is used and a short random suffix makes it unique.
import { randomBytes } from 'node:crypto';

export function slugify(name: string, fallback: string): string {
  const base = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/g, '');
  return base.length >= 2 ? base : fallback;
}

export function withRandomSuffix(slug: string): string {
  return `${slug.slice(0, 55)}-${randomBytes(3).toString('hex')}`;
}
