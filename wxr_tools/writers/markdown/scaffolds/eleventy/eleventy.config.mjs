// Written by wxr-tools where no config was: yours to edit (wxr never writes over it).
import fs from "node:fs";

const site = JSON.parse(fs.readFileSync("content/_data/wxr/site.json", "utf8"));

export default function (eleventyConfig) {
  // Post text is never run as a template: Markdown files are Markdown only.
  eleventyConfig.setTemplateFormats(["md", "njk", "html"]);
  // public/ (media files, wxr-ids.json) is published at the site root, as in Eleventy's base blog.
  eleventyConfig.addPassthroughCopy({ "content/assets": "assets", "public/": "/" });

  let markdown;
  eleventyConfig.amendLibrary("md", (library) => { markdown = library; library.set({ html: true }); });
  eleventyConfig.addFilter("markdown", (text) => markdown.render(text || ""));

  const day = new Intl.DateTimeFormat("en-CA", { timeZone: site.time_zone, year: "numeric", month: "2-digit", day: "2-digit" });
  const minute = new Intl.DateTimeFormat("en-CA", { timeZone: site.time_zone, year: "numeric", month: "2-digit",
    day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  eleventyConfig.addFilter("day", (date) => (date ? day.format(new Date(date)) : ""));
  eleventyConfig.addFilter("minute", (date) => (date ? minute.format(new Date(date)).replace(",", "") : ""));
  eleventyConfig.addFilter("iso", (date) => (date ? new Date(date).toISOString() : ""));
  eleventyConfig.addFilter("withTerm", (posts, key, name) => posts.filter((p) => (p.data[key] || []).includes(name)));
  eleventyConfig.addFilter("byAuthor", (posts, login) => posts.filter((p) => p.data.author_login === login));
  eleventyConfig.addFilter("repliesTo", (comments, parent) => (comments || []).filter((c) => (c.parent || 0) === parent));

  eleventyConfig.addCollection("posts", (api) => api.getFilteredByGlob("content/blog/**/*.md").sort((a, b) => a.date - b.date));
  // Old addresses (front matter "aliases") become redirect pages.
  eleventyConfig.addCollection("wxrRedirects", (api) =>
    api.getAll().flatMap((page) => (page.data.aliases || []).map((from) => ({ from, to: page.url }))));

  return {
    dir: { input: "content", includes: "_includes", data: "_data", output: "_site" },
    markdownTemplateEngine: false,
    htmlTemplateEngine: "njk",
  };
}
