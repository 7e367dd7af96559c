import { countryName } from "./countries";

/**
 * Belgian diplomatic posts where a worker living abroad asks for the visa D once the
 * single permit is granted (docs/domain.md §3.6: the annex 46 goes to the post). A first
 * list of embassies and consulates-general (diplomatie.belgium.be, "Belgian embassies and
 * consulates"); where Belgium has no post, another Schengen state's post represents it,
 * which the applicant names under "other". Labels: the city, and the country by Intl.
 */
export const VISA_POSTS = [
  { id: "algiers", city: "Alger", country: "DZ" },
  { id: "ankara", city: "Ankara", country: "TR" },
  { id: "istanbul", city: "İstanbul", country: "TR" },
  { id: "beijing", city: "Beijing", country: "CN" },
  { id: "shanghai", city: "Shanghai", country: "CN" },
  { id: "new-delhi", city: "New Delhi", country: "IN" },
  { id: "mumbai", city: "Mumbai", country: "IN" },
  { id: "rabat", city: "Rabat", country: "MA" },
  { id: "casablanca", city: "Casablanca", country: "MA" },
  { id: "tunis", city: "Tunis", country: "TN" },
  { id: "cairo", city: "Cairo", country: "EG" },
  { id: "kinshasa", city: "Kinshasa", country: "CD" },
  { id: "dakar", city: "Dakar", country: "SN" },
  { id: "abuja", city: "Abuja", country: "NG" },
  { id: "nairobi", city: "Nairobi", country: "KE" },
  { id: "pretoria", city: "Pretoria", country: "ZA" },
  { id: "manila", city: "Manila", country: "PH" },
  { id: "hanoi", city: "Hà Nội", country: "VN" },
  { id: "jakarta", city: "Jakarta", country: "ID" },
  { id: "tokyo", city: "Tokyo", country: "JP" },
  { id: "washington", city: "Washington", country: "US" },
  { id: "ottawa", city: "Ottawa", country: "CA" },
  { id: "mexico", city: "Ciudad de México", country: "MX" },
  { id: "brasilia", city: "Brasília", country: "BR" },
  { id: "belgrade", city: "Beograd", country: "RS" },
  { id: "kyiv", city: "Kyiv", country: "UA" },
  { id: "beirut", city: "Beyrouth", country: "LB" },
  { id: "other", city: "", country: "" },
] as const;

export const VISA_POST_IDS: readonly string[] = VISA_POSTS.map((post) => post.id);

/** "Beograd (Serbia)" in the reader's language; null for "another post" (the page words that itself). */
export function visaPostName(id: string, language: string): string | null {
  const post = VISA_POSTS.find((candidate) => candidate.id === id);
  return post && post.country ? `${post.city} (${countryName(post.country, language)})` : null;
}
