import { expect, newPerson, postPeep, signUp, test } from "./support";

test("a peep’s #tag and web address become links, the address counts 23, and the tag’s page and trending list show it", async ({
  page,
  browser,
}) => {
  // The trending list is read at most once a minute per server process, so it can take that long to show a new tag.
  test.setTimeout(120_000);
  const tag = `Hello${Date.now().toString(36)}`;
  const url =
    "https://example.com/very/long/path/that/goes/on/and/on/for/a/while";
  const body = `#${tag} ${url}`;
  const sam = newPerson("sam");
  await signUp(page, sam);

  const box = page.getByLabel(/What’s happening/);
  await box.fill(body);
  // "#" and the tag and a space, then 23 for the address however long it is.
  await expect(
    page.getByText(`${280 - (tag.length + 2) - 23} characters left`),
  ).toBeVisible();
  await box.fill("");
  await postPeep(page, body);

  const peep = page
    .getByRole("article")
    .filter({ hasText: `#${tag}` })
    .first();
  const tagLink = peep.getByRole("link", { name: `#${tag}` });
  await expect(tagLink).toHaveAttribute("href", `/tags/${tag}`);
  const link = peep.getByRole("link", {
    name: /^example\.com\/very\/long\/path/,
  });
  await expect(link).toHaveAttribute("href", url);
  await expect(link).toHaveAttribute("rel", "nofollow noopener ugc");
  await expect(link).toHaveText(/…$/);

  await tagLink.click();
  await expect(page).toHaveURL(new RegExp(`/tags/${tag}$`));
  await expect(
    page.getByRole("heading", { level: 1, name: `#${tag}` }),
  ).toBeVisible();
  await expect(
    page.getByRole("article").filter({ hasText: `#${tag}` }),
  ).toHaveCount(1);
  // However it is typed in the address, it is the same tag.
  await page.goto(`/tags/${tag.toUpperCase()}`);
  await expect(
    page.getByRole("article").filter({ hasText: `#${tag}` }),
  ).toHaveCount(1);

  // A second person using the tag, seen logged out: the sidebar's trending list names it, with how many used it.
  const kim = newPerson("kim");
  const kimPage = await (await browser.newContext()).newPage();
  await signUp(kimPage, kim);
  await postPeep(kimPage, `me too #${tag.toLowerCase()}`);
  const visitor = await (await browser.newContext()).newPage();
  await expect(async () => {
    await visitor.goto("/");
    const trending = visitor.getByRole("list", { name: "Trending tags" });
    await expect(
      trending
        .getByRole("listitem")
        .filter({ hasText: `#${tag.toLowerCase()}` }),
    ).toContainText("2 people", { timeout: 1_000 });
  }).toPass({ timeout: 90_000, intervals: [2_000, 5_000] });
  await visitor
    .getByRole("list", { name: "Trending tags" })
    .getByRole("link", { name: `#${tag.toLowerCase()}` })
    .click();
  await expect(visitor.getByRole("article")).toHaveCount(2);
});

test("a tag’s page answers 404 for what cannot be a tag, and says so kindly when nothing is tagged yet", async ({
  page,
  request,
}) => {
  for (const bad of [
    "a".repeat(1000),
    "123",
    "two%20words",
    "a.b",
    "%F0%9F%98%80",
  ]) {
    expect((await request.get(`/tags/${bad}`)).status(), bad).toBe(404);
  }
  // Percent-encoding that decodes to nothing is refused before the page is reached.
  expect([400, 404]).toContain((await request.get("/tags/%E0%A4%A")).status());
  const unused = `nothing${Date.now().toString(36)}`;
  const response = await page.goto(`/tags/${unused}`);
  expect(response?.status()).toBe(200);
  await expect(
    page.getByText(`No peeps are tagged #${unused} yet.`),
  ).toBeVisible();
  // Unicode tags work in the address too.
  expect((await page.goto("/tags/caf%C3%A9"))?.status()).toBe(200);
  await expect(
    page.getByRole("heading", { level: 1, name: "#café" }),
  ).toBeVisible();
});
