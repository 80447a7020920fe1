// The full journey of a new owner in Persian (right to left, language from the browser, then the language picker), in real Chromium against a real server.
import { describeFullJourney } from './journeys/full-journey.js';
import { persianJourney } from './journeys/languages.js';

describeFullJourney(persianJourney());
