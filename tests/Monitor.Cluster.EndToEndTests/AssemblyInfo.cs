// The tests here start several processes each; one at a time keeps them within the 2-core budget.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
