namespace Masthead.Site;

/// <summary>Page numbers from query strings (1-based) into row offsets. <c>(page - 1) * size</c> overflows an int
/// for a large page (2147483647 × 20 wraps to a small negative offset: SQLite reads it as 0 and serves page 1,
/// PostgreSQL refuses it), so a page whose offset does not fit is past the end of any list: callers answer it
/// as they answer every page past the end (404 on reader pages and the API).</summary>
public static class Paging
{
    /// <summary>The rows to skip for <paramref name="page"/>, or null when the page cannot exist.</summary>
    public static int? Offset(int page, int size) =>
        page < 1 || size < 1 || page - 1 > (int.MaxValue - size) / size ? null : (page - 1) * size;
}
