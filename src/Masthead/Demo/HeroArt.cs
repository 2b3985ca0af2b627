using System.Globalization;
using System.Text;

namespace Masthead.Demo;

/// <summary>Draws the demo's editorial illustrations as SVG: layered gradients, map-like landmasses, a
/// motif per section (radar, sun and pipeline, chart, network, circuit, contours) and a skyline. Each
/// picture is a pure function of its seed, so a re-seed draws the same images.</summary>
internal static class HeroArt
{
    public const int Width = 1200, Height = 675;

    private sealed record Palette(string Deep, string Mid, string Accent, string Soft);

    private static readonly Dictionary<string, Palette> Palettes = new()
    {
        ["security"] = new("#0d1b2a", "#1f3b5c", "#e76f51", "#a8dadc"),
        ["energy"] = new("#2a160b", "#8f4419", "#f4a261", "#ffd166"),
        ["markets"] = new("#08231f", "#16665a", "#7ae582", "#e9f5db"),
        ["diplomacy"] = new("#17142e", "#3d348b", "#f7b801", "#e0c3fc"),
        ["technology"] = new("#06182a", "#0a4d68", "#05bfdb", "#88f7e2"),
        ["analysis"] = new("#241c1c", "#5c3d2e", "#e0c097", "#f2dfce"),
    };

    public static string Draw(string seed, string sectionSlug, string sectionName)
    {
        var rng = new Random(Hash(seed));
        var p = Palettes.GetValueOrDefault(sectionSlug) ?? Palettes.Values.ElementAt(Hash(sectionSlug) % Palettes.Count);
        var svg = new StringBuilder();
        svg.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {Height}\" width=\"{Width}\" height=\"{Height}\" role=\"img\">");
        svg.Append($"<title>{System.Net.WebUtility.HtmlEncode(sectionName)}</title><defs>");
        var angle = rng.Next(0, 2) == 0 ? "x1=\"0\" y1=\"0\" x2=\"1\" y2=\"1\"" : "x1=\"1\" y1=\"0\" x2=\"0\" y2=\"1\"";
        svg.Append($"<linearGradient id=\"bg\" {angle}><stop offset=\"0\" stop-color=\"{p.Deep}\"/><stop offset=\"1\" stop-color=\"{p.Mid}\"/></linearGradient>");
        svg.Append($"<radialGradient id=\"glow\"><stop offset=\"0\" stop-color=\"{p.Accent}\" stop-opacity=\".55\"/><stop offset=\"1\" stop-color=\"{p.Accent}\" stop-opacity=\"0\"/></radialGradient>");
        svg.Append($"<linearGradient id=\"area\" x1=\"0\" y1=\"0\" x2=\"0\" y2=\"1\"><stop offset=\"0\" stop-color=\"{p.Accent}\" stop-opacity=\".45\"/><stop offset=\"1\" stop-color=\"{p.Accent}\" stop-opacity=\"0\"/></linearGradient>");
        svg.Append("<radialGradient id=\"vignette\" cx=\".5\" cy=\".45\" r=\".75\"><stop offset=\".6\" stop-color=\"#000\" stop-opacity=\"0\"/><stop offset=\"1\" stop-color=\"#000\" stop-opacity=\".45\"/></radialGradient>");
        svg.Append("</defs>");
        svg.Append($"<rect width=\"{Width}\" height=\"{Height}\" fill=\"url(#bg)\"/>");
        svg.Append($"<circle cx=\"{N(rng.Next(200, 1000))}\" cy=\"{N(rng.Next(120, 400))}\" r=\"{N(rng.Next(260, 420))}\" fill=\"url(#glow)\"/>");
        Graticule(svg, rng, p);
        for (var i = rng.Next(2, 4); i > 0; i--) Landmass(svg, rng, p);
        switch (sectionSlug)
        {
            case "security": Radar(svg, rng, p); break;
            case "energy": SunAndPipeline(svg, rng, p); break;
            case "markets": Chart(svg, rng, p); break;
            case "diplomacy": Network(svg, rng, p); break;
            case "technology": Circuit(svg, rng, p); break;
            default: Contours(svg, rng, p); break;
        }
        if (sectionSlug != "technology" || rng.Next(2) == 0) Skyline(svg, rng, p);
        svg.Append($"<rect width=\"{Width}\" height=\"{Height}\" fill=\"url(#vignette)\"/></svg>");
        return svg.ToString();
    }

    /// <summary>A monogram portrait for an author: initials over a two-tone disc.</summary>
    public static string Portrait(string seed, string name)
    {
        var p = Palettes.Values.ElementAt(Hash(seed) % Palettes.Count);
        var initials = string.Concat(name.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(w => char.IsUpper(w[0])).Take(2).Select(w => w[0]));
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 400 400\" width=\"400\" height=\"400\" role=\"img\">" +
            $"<title>{System.Net.WebUtility.HtmlEncode(name)}</title><defs><linearGradient id=\"g\" x1=\"0\" y1=\"0\" x2=\"1\" y2=\"1\">" +
            $"<stop offset=\"0\" stop-color=\"{p.Mid}\"/><stop offset=\"1\" stop-color=\"{p.Deep}\"/></linearGradient></defs>" +
            "<rect width=\"400\" height=\"400\" fill=\"url(#g)\"/>" +
            $"<circle cx=\"200\" cy=\"200\" r=\"150\" fill=\"none\" stroke=\"{p.Accent}\" stroke-width=\"3\" opacity=\".7\"/>" +
            $"<path d=\"M0 330 Q200 250 400 330 L400 400 L0 400 Z\" fill=\"{p.Soft}\" opacity=\".12\"/>" +
            $"<text x=\"200\" y=\"238\" text-anchor=\"middle\" font-family=\"Georgia, 'DejaVu Serif', serif\" font-size=\"112\" fill=\"{p.Soft}\">{initials}</text></svg>";
    }

    private static void Graticule(StringBuilder svg, Random rng, Palette p)
    {
        svg.Append($"<g fill=\"none\" stroke=\"{p.Soft}\" stroke-opacity=\".08\" stroke-width=\"1\">");
        var bend = rng.Next(40, 120);
        for (var y = 60; y < Height; y += 75) svg.Append($"<path d=\"M0 {y} Q600 {y - bend} 1200 {y}\"/>");
        for (var x = -100; x < Width + 100; x += 110) svg.Append($"<path d=\"M{x} 0 Q{x + bend} 337 {x} 675\"/>");
        svg.Append("</g>");
    }

    /// <summary>A coastline-like blob: a noisy closed curve through points around a centre.</summary>
    private static void Landmass(StringBuilder svg, Random rng, Palette p)
    {
        double cx = rng.Next(0, Width), cy = rng.Next(80, 520), r = rng.Next(140, 330);
        var points = rng.Next(16, 26);
        var pts = new (double X, double Y)[points];
        for (var i = 0; i < points; i++)
        {
            var a = Math.PI * 2 * i / points;
            var rr = r * (0.65 + rng.NextDouble() * 0.5);
            pts[i] = (cx + Math.Cos(a) * rr * 1.4, cy + Math.Sin(a) * rr * 0.8);
        }
        svg.Append($"<path d=\"{SmoothClosed(pts)}\" fill=\"{p.Soft}\" fill-opacity=\"{N(0.05 + rng.NextDouble() * 0.08)}\" stroke=\"{p.Soft}\" stroke-opacity=\".25\" stroke-width=\"1.5\"/>");
    }

    private static void Radar(StringBuilder svg, Random rng, Palette p)
    {
        double cx = rng.Next(650, 1000), cy = rng.Next(200, 330);
        svg.Append($"<g fill=\"none\" stroke=\"{p.Accent}\">");
        for (var i = 1; i <= 5; i++) svg.Append($"<circle cx=\"{N(cx)}\" cy=\"{N(cy)}\" r=\"{i * 55}\" stroke-opacity=\"{N(0.6 - i * 0.09)}\" stroke-width=\"1.5\"/>");
        var a = rng.NextDouble() * Math.PI * 2;
        svg.Append($"<path d=\"M{N(cx)} {N(cy)} L{N(cx + Math.Cos(a) * 275)} {N(cy + Math.Sin(a) * 275)} A275 275 0 0 1 {N(cx + Math.Cos(a + 0.6) * 275)} {N(cy + Math.Sin(a + 0.6) * 275)} Z\" fill=\"{p.Accent}\" fill-opacity=\".18\" stroke=\"none\"/>");
        for (var i = 0; i < 3; i++)
        {
            double x1 = rng.Next(40, 500), y1 = rng.Next(120, 560);
            svg.Append($"<path d=\"M{N(x1)} {N(y1)} Q{N((x1 + cx) / 2)} {N(Math.Min(y1, cy) - 140)} {N(cx)} {N(cy)}\" stroke=\"{p.Soft}\" stroke-opacity=\".55\" stroke-dasharray=\"8 10\" stroke-width=\"2\"/>");
        }
        svg.Append("</g>");
        for (var i = 0; i < 6; i++) svg.Append($"<circle cx=\"{N(cx + rng.Next(-240, 240))}\" cy=\"{N(cy + rng.Next(-200, 200))}\" r=\"5\" fill=\"{p.Accent}\"/>");
    }

    private static void SunAndPipeline(StringBuilder svg, Random rng, Palette p)
    {
        double cx = rng.Next(250, 950), cy = 470, r = rng.Next(110, 170);
        svg.Append($"<g stroke=\"{p.Soft}\" stroke-opacity=\".35\" stroke-width=\"3\">");
        for (var i = 0; i < 13; i++)
        {
            var a = Math.PI + Math.PI * i / 12;
            svg.Append($"<line x1=\"{N(cx + Math.Cos(a) * (r + 20))}\" y1=\"{N(cy + Math.Sin(a) * (r + 20))}\" x2=\"{N(cx + Math.Cos(a) * (r + 90))}\" y2=\"{N(cy + Math.Sin(a) * (r + 90))}\"/>");
        }
        svg.Append($"</g><circle cx=\"{N(cx)}\" cy=\"{N(cy)}\" r=\"{N(r)}\" fill=\"{p.Soft}\" fill-opacity=\".85\"/>");
        var y = rng.Next(520, 580);
        svg.Append($"<path d=\"M0 {y} H{N(cx - 200)} q40 0 40 -40 V{y - 90} h{N(400)} V{y - 40} q0 40 40 40 H1200\" fill=\"none\" stroke=\"{p.Accent}\" stroke-width=\"10\" stroke-linejoin=\"round\"/>");
        for (var x = 60; x < Width; x += 140) svg.Append($"<rect x=\"{x}\" y=\"{y - 14}\" width=\"10\" height=\"28\" fill=\"{p.Deep}\"/>");
    }

    private static void Chart(StringBuilder svg, Random rng, Palette p)
    {
        var bars = new StringBuilder($"<g fill=\"{p.Soft}\" fill-opacity=\".16\">");
        var line = new StringBuilder();
        double y = rng.Next(330, 430);
        for (var i = 0; i <= 24; i++)
        {
            var x = 60 + i * 45.0;
            y = Math.Clamp(y + rng.Next(-45, 40), 140, 470);
            line.Append(i == 0 ? "M" : " L").Append(N(x)).Append(' ').Append(N(y));
            var h = rng.Next(40, 200);
            bars.Append($"<rect x=\"{N(x - 14)}\" y=\"{N(600 - h)}\" width=\"28\" height=\"{h}\"/>");
        }
        svg.Append(bars).Append("</g>");
        svg.Append($"<path d=\"{line} L1140 600 L60 600 Z\" fill=\"url(#area)\"/>");
        svg.Append($"<path d=\"{line}\" fill=\"none\" stroke=\"{p.Accent}\" stroke-width=\"5\" stroke-linejoin=\"round\"/>");
        svg.Append($"<circle cx=\"1140\" cy=\"{N(y)}\" r=\"11\" fill=\"{p.Accent}\"/>");
    }

    private static void Network(StringBuilder svg, Random rng, Palette p)
    {
        var nodes = Enumerable.Range(0, rng.Next(7, 11)).Select(_ => (X: (double)rng.Next(80, 1120), Y: (double)rng.Next(80, 470))).ToArray();
        svg.Append($"<g fill=\"none\" stroke=\"{p.Soft}\" stroke-width=\"2\">");
        for (var i = 0; i < nodes.Length; i++)
        {
            var j = (i + 1 + rng.Next(nodes.Length - 1)) % nodes.Length;
            var (a, b) = (nodes[i], nodes[j]);
            svg.Append($"<path d=\"M{N(a.X)} {N(a.Y)} Q{N((a.X + b.X) / 2)} {N(Math.Min(a.Y, b.Y) - 120)} {N(b.X)} {N(b.Y)}\" stroke-opacity=\".45\"/>");
        }
        svg.Append("</g>");
        foreach (var (x, y) in nodes)
        {
            svg.Append($"<circle cx=\"{N(x)}\" cy=\"{N(y)}\" r=\"22\" fill=\"{p.Accent}\" fill-opacity=\".2\"/><circle cx=\"{N(x)}\" cy=\"{N(y)}\" r=\"8\" fill=\"{p.Accent}\"/>");
        }
    }

    private static void Circuit(StringBuilder svg, Random rng, Palette p)
    {
        svg.Append($"<g fill=\"none\" stroke=\"{p.Accent}\" stroke-width=\"3\" stroke-opacity=\".7\" stroke-linecap=\"round\">");
        var ends = new List<(int X, int Y)>();
        for (var i = 0; i < 14; i++)
        {
            int x = rng.Next(2, 22) * 50, y = rng.Next(2, 11) * 50;
            int dx = rng.Next(-6, 7) * 50, dy = rng.Next(-3, 4) * 50;
            svg.Append($"<path d=\"M{x} {y} h{dx} l{(dy >= 0 ? 30 : -30)} {(dy >= 0 ? 30 : -30)} v{dy}\"/>");
            ends.Add((x, y));
            ends.Add((x + dx + (dy >= 0 ? 30 : -30), y + (dy >= 0 ? 30 : -30) + dy));
        }
        svg.Append("</g>");
        foreach (var (x, y) in ends) svg.Append($"<circle cx=\"{x}\" cy=\"{y}\" r=\"7\" fill=\"{p.Deep}\" stroke=\"{p.Soft}\" stroke-width=\"3\"/>");
        var cx = rng.Next(5, 19) * 50;
        svg.Append($"<rect x=\"{cx}\" y=\"200\" width=\"200\" height=\"200\" rx=\"18\" fill=\"{p.Deep}\" stroke=\"{p.Soft}\" stroke-width=\"3\"/>");
        svg.Append($"<rect x=\"{cx + 45}\" y=\"245\" width=\"110\" height=\"110\" rx=\"8\" fill=\"{p.Accent}\" fill-opacity=\".5\"/>");
    }

    private static void Contours(StringBuilder svg, Random rng, Palette p)
    {
        double cx = rng.Next(300, 900), cy = rng.Next(220, 380);
        var offsets = Enumerable.Range(0, 20).Select(_ => 0.8 + rng.NextDouble() * 0.4).ToArray();
        svg.Append($"<g fill=\"none\" stroke=\"{p.Accent}\" stroke-width=\"2\">");
        for (var ring = 1; ring <= 7; ring++)
        {
            var pts = offsets.Select((o, i) =>
            {
                var a = Math.PI * 2 * i / offsets.Length;
                var r = ring * 48 * (1 + (o - 1) * ring / 4);
                return (cx + Math.Cos(a) * r * 1.5, cy + Math.Sin(a) * r);
            }).ToArray();
            svg.Append($"<path d=\"{SmoothClosed(pts)}\" stroke-opacity=\"{N(0.75 - ring * 0.08)}\"/>");
        }
        svg.Append("</g>");
    }

    /// <summary>Towers, domes and minarets along the bottom edge.</summary>
    private static void Skyline(StringBuilder svg, Random rng, Palette p)
    {
        var d = new StringBuilder($"M0 {Height}");
        var x = 0;
        while (x < Width)
        {
            var w = rng.Next(30, 90);
            var h = rng.Next(40, 150) + (rng.Next(10) == 0 ? 120 : 0);
            var top = Height - h;
            switch (rng.Next(6))
            {
                case 0: d.Append($" V{top} a{w / 2} {w / 2} 0 0 1 {w} 0 V{Height}"); break;
                case 1: d.Append($" V{top} h{w / 2 - 4} v-50 l4 -14 l4 14 v50 h{w - w / 2 - 4} V{Height}"); break;
                default: d.Append($" V{top} h{w} V{Height}"); break;
            }
            x += w;
            d.Append($" H{x}");
        }
        svg.Append($"<path d=\"{d} Z\" fill=\"{p.Deep}\" fill-opacity=\".92\"/>");
    }

    private static string SmoothClosed((double X, double Y)[] pts)
    {
        var sb = new StringBuilder();
        var mid = ((pts[^1].X + pts[0].X) / 2, (pts[^1].Y + pts[0].Y) / 2);
        sb.Append($"M{N(mid.Item1)} {N(mid.Item2)}");
        for (var i = 0; i < pts.Length; i++)
        {
            var next = pts[(i + 1) % pts.Length];
            sb.Append($" Q{N(pts[i].X)} {N(pts[i].Y)} {N((pts[i].X + next.X) / 2)} {N((pts[i].Y + next.Y) / 2)}");
        }
        return sb.Append('Z').ToString();
    }

    private static string N(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>FNV-1a: stable across processes, unlike string.GetHashCode.</summary>
    private static int Hash(string s)
    {
        var h = 2166136261u;
        foreach (var c in s) h = (h ^ c) * 16777619u;
        return (int)(h & 0x7fffffff);
    }
}
