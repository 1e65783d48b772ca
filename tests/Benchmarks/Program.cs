using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/Benchmarks -- --filter '*'   (see docs/performance.md)
BenchmarkSwitcher.FromAssembly(typeof(TeamRetro.Confluence.Benchmarks.RenderingBenchmarks).Assembly).Run(args);
