namespace TurbineConsole.Rcf.Tests;

/// <summary>The quality measures of the data README: ROC AUC with ties counted half, medians, "normal" points.</summary>
internal static class QualityMeasures
{
    /// <summary>Probability that a random positive scores above a random negative (ties count half).</summary>
    public static double RocAuc(IReadOnlyList<double> positives, IReadOnlyList<double> negatives)
    {
        var all = positives.Select(v => (Value: v, Positive: true))
            .Concat(negatives.Select(v => (Value: v, Positive: false)))
            .OrderBy(x => x.Value)
            .ToArray();
        double positiveRankSum = 0;
        for (var i = 0; i < all.Length;)
        {
            var j = i;
            while (j < all.Length && all[j].Value == all[i].Value)
            {
                j++;
            }

            var rank = (i + j + 1) / 2.0;
            for (var k = i; k < j; k++)
            {
                if (all[k].Positive)
                {
                    positiveRankSum += rank;
                }
            }

            i = j;
        }

        double p = positives.Count;
        return (positiveRankSum - p * (p + 1) / 2) / (p * negatives.Count);
    }

    /// <summary>ROC AUC of scores against labels, points scoring 0 (not output-ready) excluded.</summary>
    public static double RocAuc(double[] scores, bool[] labels)
    {
        var positives = new List<double>();
        var negatives = new List<double>();
        for (var i = 0; i < scores.Length; i++)
        {
            if (scores[i] > 0)
            {
                (labels[i] ? positives : negatives).Add(scores[i]);
            }
        }

        return RocAuc(positives, negatives);
    }

    /// <summary>Median of the values.</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        var n = sorted.Length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /// <summary>Indexes of "normal" points: scored, and more than shingle + 20 points after every injected event.</summary>
    public static int[] NormalIndexes(double[] scores, IEnumerable<int> events, int shingle)
    {
        var eventIndexes = events.ToArray();
        return Enumerable.Range(0, scores.Length)
            .Where(i => scores[i] > 0 && !eventIndexes.Any(e => i - e >= 0 && i - e <= shingle + 20))
            .ToArray();
    }
}
