using System.Collections.Concurrent;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using Fluid;

namespace Masthead.Briefings.Templates;

/// <summary>A list's three templates, compiled. <see cref="SkeletonSafe"/> is true when every personal
/// field appears only as a plain output (no filter, no tag reads it): then the rendered text with
/// placeholders in those spots is the same for everyone, and per-recipient work is concatenation.</summary>
public sealed record CompiledTemplates(IFluidTemplate Subject, IFluidTemplate Html, IFluidTemplate Text, bool SkeletonSafe);

public sealed record TemplateErrors(string? Subject, string? Html, string? Text)
{
    public bool Any => Subject is not null || Html is not null || Text is not null;
}

/// <summary>Parses, checks and renders briefing templates (Liquid, with Fluid). Thread-safe; compiled
/// templates are cached by their source text.</summary>
public sealed partial class BriefingTemplates
{
    private static readonly FluidParser Parser = new();
    /// <summary>One part rendered with the sample edition may use at most this much of the 100 KB message.</summary>
    private const int MaxTemplateBytes = 45 * 1024;
    private readonly ConcurrentDictionary<string, IFluidTemplate> _compiled = new(StringComparer.Ordinal);

    public TemplateOptions Options { get; } = new()
    {
        // A template is written by staff, but a loop that never ends must still stop.
        MaxSteps = 2_000_000,
        MaxRecursion = 20,
    };

    public bool TryCompile(string source, out IFluidTemplate template, out string? error)
    {
        if (_compiled.TryGetValue(source, out template!))
        {
            error = null;
            return true;
        }
        if (!Parser.TryParse(source, out template!, out var message))
        {
            error = message;
            return false;
        }
        if (_compiled.Count > 500) _compiled.Clear();
        _compiled[source] = template;
        error = null;
        return true;
    }

    /// <summary>The list's templates, falling back to the built-in ones for empty fields. Throws when a
    /// stored template does not parse (edit-time checks keep that from happening).</summary>
    public CompiledTemplates Compile(string subject, string html, string text)
    {
        subject = Or(subject, DefaultTemplates.Subject);
        html = Or(html, DefaultTemplates.Html);
        text = Or(text, DefaultTemplates.Text);
        return new CompiledTemplates(Get(subject), Get(html), Get(text),
            IsSkeletonSafe(subject) && IsSkeletonSafe(html) && IsSkeletonSafe(text));

        IFluidTemplate Get(string source) => TryCompile(source, out var t, out var error)
            ? t : throw new InvalidOperationException($"A briefing template does not parse: {error}");
    }

    private static string Or(string value, string fallback) => string.IsNullOrWhiteSpace(value) ? fallback : value;

    /// <summary>Edit-time check: each template must parse and render against a sample edition.</summary>
    public TemplateErrors Validate(string? subject, string? html, string? text, TemplateEdition sample)
    {
        return new TemplateErrors(Check(subject, encode: false), Check(html, encode: true), Check(text, encode: false));

        string? Check(string? source, bool encode)
        {
            if (string.IsNullOrWhiteSpace(source)) return null;
            if (!TryCompile(source, out var template, out var error)) return $"The template does not parse: {error}";
            try
            {
                // Items are dropped to fit 100 KB at send time, but a template that is too big by itself never fits.
                var bytes = System.Text.Encoding.UTF8.GetByteCount(Render(template, sample, Personal.Sample, encode));
                return bytes > MaxTemplateBytes
                    ? $"With a two-item sample this part is {bytes / 1024} KB; a whole message must stay under 100 KB. Shorten the template."
                    : null;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                return $"The template fails with the sample edition: {e.Message}";
            }
        }
    }

    public string Render(IFluidTemplate template, TemplateEdition edition, Personal personal, bool encode)
    {
        var context = TemplateModel.Context(edition, personal, Options);
        return template.Render(context, encode ? HtmlEncoder.Default : NullEncoder.Default);
    }

    [GeneratedRegex(@"\b(?:subscriber|links)\b")]
    private static partial Regex PersonalReference();

    [GeneratedRegex(@"\{\{-?\s*(?:subscriber|links)\.[a-z_]+\s*-?\}\}")]
    private static partial Regex PlainPersonalOutput();

    internal static bool IsSkeletonSafe(string source) =>
        PersonalReference().Matches(source).Count == PlainPersonalOutput().Matches(source).Count;
}
