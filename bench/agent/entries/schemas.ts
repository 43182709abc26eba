// The two tools' schemas, shared by the three apps (zod 4, left out of every bundle).
import { z } from "zod";

export const Weather = z.object({ city: z.string().describe("The city") });
export const Time = z.object({ zone: z.string().describe("An IANA time zone") });

export const weatherOf = async ({ city }: { city: string }) => ({ city, celsius: 21 });
export const timeIn = async ({ zone }: { zone: string }) =>
  new Date().toLocaleTimeString("en-GB", { timeZone: zone });

export const PROMPT = "What is the weather and the time in Lisbon?";
