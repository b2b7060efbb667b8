// A shared clock (unix seconds) ticking every 15 s, for relative times and liveness.
export const clock = $state({ now: Date.now() / 1000 });
setInterval(() => {
  clock.now = Date.now() / 1000;
}, 15000);
