import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach, beforeEach, vi } from 'vitest';
import { FakeWebSocket } from './fakeSocket';

// Some tests (the schema check) run in plain Node: only set up the DOM when there is one.
const hasDom = typeof window !== 'undefined';

// jsdom has no <dialog> behaviour; browsers do. Enough of it for the tests.
if (hasDom && typeof HTMLDialogElement !== 'undefined' && !HTMLDialogElement.prototype.showModal) {
  HTMLDialogElement.prototype.showModal = function showModal(this: HTMLDialogElement) {
    this.setAttribute('open', '');
  };
  HTMLDialogElement.prototype.show = function show(this: HTMLDialogElement) {
    this.setAttribute('open', '');
  };
  HTMLDialogElement.prototype.close = function close(this: HTMLDialogElement) {
    if (!this.hasAttribute('open')) return;
    this.removeAttribute('open');
    this.dispatchEvent(new Event('close'));
  };
}

if (hasDom) {
  const { default: i18n } = await import('../lib/i18n');
  const { events } = await import('../lib/events');

  beforeEach(async () => {
    document.cookie = 'csrftoken=test-csrf-token; path=/';
    vi.stubGlobal('WebSocket', FakeWebSocket);
    await i18n.changeLanguage('en');
  });

  afterEach(() => {
    cleanup();
    // The events stream is a module singleton: start every test without a socket.
    events.reset();
    FakeWebSocket.reset();
    window.localStorage.clear();
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });
}
