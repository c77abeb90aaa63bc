// Fake-time tests settle by waiting for the thread pool to drain (TestClock.SettleAsync); other test classes running
// in parallel would keep it busy. The suite is small and I/O-light, so running it sequentially costs little.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
