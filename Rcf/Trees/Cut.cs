namespace TurbineConsole.Rcf.Trees;

/// <summary>A cut of an internal node: points whose coordinate <see cref="Dimension"/> is &lt;= <see cref="Value"/> go left.</summary>
/// <param name="Dimension">The coordinate the cut is on.</param>
/// <param name="Value">The cut's position on that coordinate.</param>
internal readonly record struct Cut(int Dimension, float Value)
{
    /// <summary>
    /// The cut that <paramref name="factor"/> (uniform in [0, 1)) picks over the total range of the box
    /// [<paramref name="min"/>, <paramref name="max"/>] grown to hold <paramref name="p"/>, with the reference's
    /// arithmetic (ranges in float, position in double, a cut strictly below the range's top), so that the same
    /// random numbers give the same cuts.
    /// </summary>
    public static Cut Random(double factor, ReadOnlySpan<float> p, ReadOnlySpan<float> min, ReadOnlySpan<float> max)
    {
        var d = p.Length;
        double range = 0;
        for (var k = 0; k < d; k++)
        {
            range += (float)(GrownMax(p, max, k) - GrownMin(p, min, k));
        }

        var breakPoint = factor * range;
        for (var k = 0; k < d; k++)
        {
            var low = GrownMin(p, min, k);
            var high = GrownMax(p, max, k);
            double gap = (float)(high - low);
            if (breakPoint <= gap && gap > 0)
            {
                var cut = (float)(low + breakPoint);
                return new Cut(k, cut >= high ? MathF.BitDecrement(high) : cut);
            }

            breakPoint -= gap;
        }

        // Rounding left the break point past the last range (factor was almost 1): cut just below the top of the
        // first or the last non-empty range, chosen by a generator seeded from the factor, as the reference does.
        var fromFirst = new JavaRandom((long)(factor * long.MaxValue / 2)).NextDouble() < 0.5;
        for (var i = 0; i < d; i++)
        {
            var k = fromFirst ? i : d - 1 - i;
            var high = GrownMax(p, max, k);
            if (high > GrownMin(p, min, k))
            {
                return new Cut(k, MathF.BitDecrement(high));
            }
        }

        throw new InvalidOperationException("A cut was requested for a box that is a single point equal to the point.");
    }

    /// <summary>
    /// Whether this cut separates <paramref name="p"/> from the box [<paramref name="min"/>, <paramref name="max"/>]:
    /// the point on one side, the whole box on the other.
    /// </summary>
    public bool Separates(ReadOnlySpan<float> p, ReadOnlySpan<float> min, ReadOnlySpan<float> max)
    {
        var v = p[Dimension];
        return (v <= Value && Value < min[Dimension]) || (v > Value && Value >= max[Dimension]);
    }

    private static float GrownMin(ReadOnlySpan<float> p, ReadOnlySpan<float> min, int k) => p[k] < min[k] ? p[k] : min[k];

    private static float GrownMax(ReadOnlySpan<float> p, ReadOnlySpan<float> max, int k) => p[k] > max[k] ? p[k] : max[k];
}
