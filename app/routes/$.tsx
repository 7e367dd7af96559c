/** Any address no route knows: the friendly 404 page, rendered inside the layout. */
export async function loader() {
  throw new Response("Not Found", { status: 404 });
}

export default function NotFound() {
  return null;
}
