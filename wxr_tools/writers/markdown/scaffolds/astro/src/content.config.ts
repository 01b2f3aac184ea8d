// Written by wxr-tools where none was. Posts and pages written by wxr; entries marked
// "draft: true" (written only with --drafts) are dropped here, so no page, list or feed shows them.
import { defineCollection, z } from "astro:content";
import { glob } from "astro/loaders";
import type { Loader } from "astro/loaders";

function published(base: string): Loader {
  const inner = glob({ pattern: "**/*.md", base });
  return {
    name: "wxr-published",
    load: async (context) => {
      await inner.load(context);
      for (const [id, entry] of context.store.entries()) {
        if ((entry.data as { draft?: boolean }).draft) context.store.delete(id);
      }
    },
  };
}

const schema = z.object({
  title: z.string(),
  pubDate: z.coerce.date().optional(),
  updatedDate: z.coerce.date().optional(),
  description: z.string().optional(),
  url: z.string().optional(),
  draft: z.boolean().optional(),
}).passthrough();

export const collections = {
  blog: defineCollection({ loader: published("./src/content/blog"), schema }),
  pages: defineCollection({ loader: published("./src/content/pages"), schema }),
};
