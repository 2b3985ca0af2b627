using BenchmarkDotNet.Attributes;
using Markdig;
using Masthead.Content;

namespace Masthead.Bench;

/// <summary>Rendering an article body happens at save time, not per request, but it sets how fast an
/// editor's preview and a bulk import run. Markdig alone is the baseline; the difference is the sanitizer.</summary>
[MemoryDiagnoser]
public class MarkdownBenchmarks
{
    private readonly MarkdownRenderer _renderer = new();
    private readonly MarkdownPipeline _pipeline = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();
    private string _markdown = "";

    [GlobalSetup]
    public void Setup()
    {
        using var stream = typeof(MarkdownBenchmarks).Assembly.GetManifestResourceStream("article.md")!;
        var text = new StreamReader(stream).ReadToEnd();
        // Drop the front matter: the body is what the editor writes.
        var end = text.IndexOf("\n---\n", 4, StringComparison.Ordinal);
        _markdown = text[(end + 5)..];
    }

    [Benchmark(Baseline = true)]
    public string MarkdigOnly() => Markdown.ToHtml(_markdown, _pipeline);

    [Benchmark]
    public string RendererToHtml() => _renderer.ToHtml(_markdown);
}
