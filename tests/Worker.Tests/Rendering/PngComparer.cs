using SkiaSharp;

namespace TeamRetro.Confluence.Worker.Tests.Rendering;

/// <summary>
/// Compares two rendered pages with a tolerance: a pixel differs when any channel is more than
/// <see cref="ChannelTolerance"/> apart (anti-aliasing and rasteriser versions move edges a little), and the pages
/// match when at most <see cref="MaxDifferingFraction"/> of the pixels differ. A moved line or a missing glyph is far more.
/// </summary>
public static class PngComparer
{
    public const int ChannelTolerance = 64;
    public const double MaxDifferingFraction = 0.004;

    public sealed record Result(bool SameSize, double DifferingFraction, string Description)
    {
        public bool Matches => SameSize && DifferingFraction <= MaxDifferingFraction;
    }

    public static Result Compare(byte[] expectedPng, byte[] actualPng)
    {
        using var expected = SKBitmap.Decode(expectedPng) ?? throw new ArgumentException("The expected image is not a PNG.", nameof(expectedPng));
        using var actual = SKBitmap.Decode(actualPng) ?? throw new ArgumentException("The actual image is not a PNG.", nameof(actualPng));
        if (expected.Width != actual.Width || expected.Height != actual.Height)
            return new Result(false, 1, $"size {actual.Width}×{actual.Height}, expected {expected.Width}×{expected.Height}");

        var differing = 0;
        for (var y = 0; y < expected.Height; y++)
        {
            for (var x = 0; x < expected.Width; x++)
            {
                SKColor a = expected.GetPixel(x, y), b = actual.GetPixel(x, y);
                if (Math.Abs(a.Red - b.Red) > ChannelTolerance || Math.Abs(a.Green - b.Green) > ChannelTolerance || Math.Abs(a.Blue - b.Blue) > ChannelTolerance)
                    differing++;
            }
        }

        var fraction = differing / (double)(expected.Width * expected.Height);
        return new Result(true, fraction, $"{differing} of {expected.Width * expected.Height} pixels differ ({fraction:P2}, at most {MaxDifferingFraction:P2} may)");
    }
}
