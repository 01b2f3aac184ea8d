// Helpers the layouts share: the site's data (written by wxr), dates in the site's time zone, Markdown.
import { getCollection, type CollectionEntry } from "astro:content";
import { createMarkdownProcessor } from "@astrojs/markdown-remark";
import site from "./data/wxr/site.json";
import authors from "./data/wxr/authors.json";
import terms from "./data/wxr/terms.json";

export { site, authors, terms };
export const PER_PAGE = @@PER_PAGE@@;

const day = new Intl.DateTimeFormat("en-CA", { timeZone: site.time_zone, year: "numeric", month: "2-digit", day: "2-digit" });
const minute = new Intl.DateTimeFormat("en-CA", { timeZone: site.time_zone, year: "numeric", month: "2-digit",
  day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
export const formatDay = (date?: Date | string) => (date ? day.format(new Date(date)) : "");
export const formatMinute = (date?: Date | string) => (date ? minute.format(new Date(date)).replace(",", "") : "");

let processor: Awaited<ReturnType<typeof createMarkdownProcessor>> | undefined;
export async function markdown(text?: string): Promise<string> {
  processor ??= await createMarkdownProcessor({ smartypants: false });
  return text ? (await processor.render(text)).code : "";
}

/** An entry's URL: the one wxr wrote (its WordPress URL), else one from its collection and id. */
export function entryUrl(entry: CollectionEntry<"blog" | "pages">): string {
  return entry.data.url ?? (entry.collection === "blog" ? `/blog/${entry.id}/` : `/${entry.id}/`);
}

/** Published posts, newest first. */
export async function posts() {
  const all = await getCollection("blog");
  return all.sort((a, b) => (b.data.pubDate?.valueOf() ?? 0) - (a.data.pubDate?.valueOf() ?? 0));
}

/** A category or tag archive's static paths: one per term, at its WordPress URL under `base`. */
export async function termPaths(taxonomy: "category" | "post_tag", key: "categories" | "tags", base: string) {
  const all = await posts();
  return Object.entries(terms[taxonomy]).map(([name, term]) => ({
    params: { term: term.url.slice(base.length).replace(/\/$/, "") },
    props: { name, term, entries: all.filter((p) => ((p.data[key] as string[] | undefined) ?? []).includes(name)) },
  }));
}
