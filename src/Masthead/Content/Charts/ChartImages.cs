using System.Collections.Concurrent;
using System.Text;

namespace Masthead.Content.Charts;

/// <summary>Drawn chart images by fingerprint. A fingerprint names one drawing for ever, so an entry never goes
/// stale; the cache is only bounded (cleared when full, as ContentMemo is).</summary>
public sealed class ChartImages
{
    private const int MaxEntries = 512;
    private readonly ConcurrentDictionary<string, Lazy<byte[]>> _images = new(StringComparer.Ordinal);

    public byte[] Svg(ChartData chart) => Get(chart.SvgPath, () => Encoding.UTF8.GetBytes(ChartHtml.Image(chart)));

    public byte[] Png(ChartData chart) => Get(chart.PngPath, () => ChartHtml.Png(chart));

    private byte[] Get(string key, Func<byte[]> draw)
    {
        if (_images.Count >= MaxEntries) _images.Clear();
        // Lazy: readers asking for the same new image at once wait for one drawing.
        return _images.GetOrAdd(key, _ => new Lazy<byte[]>(draw)).Value;
    }
}
