namespace Masthead.Content.Admin;

/// <summary>The slug rules shared by articles, authors, sections and tags: made from the name when left
/// empty, then checked for shape and uniqueness.</summary>
public static class SlugField
{
    public const string InvalidMessage = "A slug may contain only lowercase letters a–z, digits and single hyphens, up to 120 characters.";

    /// <summary>Returns the slug to store and an error message, or null when it is fine.</summary>
    public static async Task<(string Slug, string? Error)> CheckAsync(string? entered, string? name, Func<string, Task<bool>> isTaken)
    {
        var slug = string.IsNullOrWhiteSpace(entered) ? Slug.From(name ?? "") : entered.Trim();
        if (slug.Length == 0)
        {
            return (slug, string.IsNullOrWhiteSpace(name) ? null : "Enter a slug: the name has no Latin letters or digits to make one from.");
        }
        if (!Slug.IsValid(slug)) return (slug, InvalidMessage);
        if (await isTaken(slug)) return (slug, $"The slug “{slug}” is already taken. Choose a different one.");
        return (slug, null);
    }
}
