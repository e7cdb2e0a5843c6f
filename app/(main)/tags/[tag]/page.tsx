import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { Sidebar } from "@/app/_components/sidebar";
import { Timeline } from "@/app/_components/timeline";
import { readOrUnavailable } from "@/app/_components/unavailable";
import { listTagTimeline } from "@/db/queries/timelines";
import { getCurrentUser } from "@/auth/current-user";
import { parseTagParam, tagPath } from "@/lib/hashtags";
import { BadPageLink, isFirstPage, parsePageRange } from "../../before-param";

type Props = {
  params: Promise<{ tag: string }>;
  searchParams: Promise<{
    before?: string | string[];
    after?: string | string[];
  }>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const parsed = parseTagParam((await params).tag);
  return { title: parsed ? `#${parsed.shown}` : "Page not found" };
}

/** `/tags/café`: the peeps tagged #café (or #Café, #CAFÉ…), newest first, a page at a time. */
export default async function TagPage({ params, searchParams }: Props) {
  const [{ tag: raw }, query] = await Promise.all([params, searchParams]);
  // Anything that could not be a tag is not found, before the database is asked.
  const parsed = parseTagParam(raw);
  if (!parsed) notFound();
  const { shown, tag } = parsed;
  const path = tagPath(shown);
  const range = parsePageRange(query);
  if (range === null) return <BadPageLink back={path} />;
  const first = isFirstPage(range);
  const read = await readOrUnavailable(async () => {
    const viewer = await getCurrentUser();
    return {
      viewer,
      page: await listTagTimeline({ tag, ...range, viewerId: viewer?.id }),
    };
  });
  if (!read.ok) return read.page;
  const { viewer, page } = read.value;
  // "Newer peeps" that reached the top is the first page.
  if (range.after && !page.newer) redirect(path);
  return (
    <>
      <h1 className="page-title tag-title" dir="auto">
        #{shown}
      </h1>
      {first && <Sidebar />}
      <Timeline
        page={page}
        viewer={viewer}
        basePath={path}
        empty={
          first
            ? `No peeps are tagged #${shown} yet. Write one, and it will be the first.`
            : "No older peeps."
        }
      />
    </>
  );
}
