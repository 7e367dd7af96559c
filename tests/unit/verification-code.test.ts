import { describe, expect, it } from "vitest";
import { newVerificationCode, normaliseVerificationCode } from "../../app/delivery/verification-code.server";

/** The code on a permit as people type it back on /verify (decision-pdf.test.ts checks the codes made). */
describe("reading a typed verification code", () => {
  const code = newVerificationCode();

  it("reads I and L as 1 and O as 0, in either case", () => {
    expect(normaliseVerificationCode("IIII-LLLL-iiii-llll-OOoo")).toBe("1111-1111-1111-1111-0000");
  });

  it("refuses a code with a character too many, at either end, or a letter the alphabet leaves out", () => {
    expect(normaliseVerificationCode(`${code}7`)).toBeNull();
    expect(normaliseVerificationCode(`7${code}`)).toBeNull();
    expect(normaliseVerificationCode(`U${code.slice(1)}`)).toBeNull();
    expect(normaliseVerificationCode(code.slice(1))).toBeNull();
    expect(normaliseVerificationCode(code)).toBe(code);
  });
});
