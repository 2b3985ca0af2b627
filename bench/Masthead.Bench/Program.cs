using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Masthead.Bench.MarkdownBenchmarks).Assembly).Run(args);
