// The full journey of a new owner in English (left to right), in real Chromium against a real server.
import { describeFullJourney } from './journeys/full-journey.js';
import { englishJourney } from './journeys/languages.js';

describeFullJourney(englishJourney());
