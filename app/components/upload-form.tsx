import { useEffect, useRef } from "react";
import { useNavigation } from "@remix-run/react";

/**
 * For an upload form: empties its file inputs once a post of the page is answered. With
 * JavaScript the page is not reloaded after "upload files", so the inputs would keep the
 * files they just sent and the next button of the same form ("save and continue") would
 * send them again. Only after a post: files chosen before the page was ready stay chosen.
 */
export function useClearedAfterPost() {
  const form = useRef<HTMLFormElement>(null);
  const navigation = useNavigation();
  const posting = useRef(false);
  useEffect(() => {
    if (navigation.state === "submitting") posting.current = true;
    if (navigation.state === "idle" && posting.current) {
      posting.current = false;
      for (const input of form.current?.querySelectorAll<HTMLInputElement>("input[type=file]") ?? []) input.value = "";
    }
  }, [navigation.state]);
  return form;
}
