// The full journey of a new owner in Hebrew (right to left, language from ?lang=he), in real Chromium against a real server.
import { describeFullJourney } from './journeys/full-journey.js';
import { hebrewJourney } from './journeys/languages.js';

describeFullJourney(hebrewJourney());
