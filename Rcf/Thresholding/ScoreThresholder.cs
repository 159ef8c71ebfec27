namespace TurbineConsole.Rcf.Thresholding;

/// <summary>
/// Adaptive threshold over a stream of scores: a time-discounted mean and deviation of all scores,
/// threshold = max(lower threshold, mean + z x deviation). Every score is learnt, flagged or not, so that a lasting
/// change (a level shift) raises the bar after its onset instead of being flagged for hundreds of points. While an
/// anomaly is still inside the shingle, a new flag needs a higher score than it had.
/// </summary>
internal sealed class ScoreThresholder
{
    /// <summary>The settings.</summary>
    private readonly AnomalyGradeOptions _options;

    /// <summary>Points for which a flagged anomaly remains in the shingle.</summary>
    private readonly int _shingleSize;

    /// <summary>Discounted count of scores.</summary>
    private double _weight;

    /// <summary>Discounted sum of scores.</summary>
    private double _sum;

    /// <summary>Discounted sum of squared scores.</summary>
    private double _sumOfSquares;

    /// <summary>Scores seen (not discounted).</summary>
    private long _count;

    /// <summary>Points since the last flag (long.MaxValue / 2 when none).</summary>
    private long _sinceLastAnomaly = long.MaxValue / 2;

    /// <summary>Score of the last flagged point.</summary>
    private double _lastAnomalyScore;

    /// <summary>Creates a thresholder that has seen no scores.</summary>
    public ScoreThresholder(AnomalyGradeOptions options, int shingleSize)
    {
        _options = options;
        _shingleSize = shingleSize;
    }

    /// <summary>Creates a thresholder with the statistics <see cref="Statistics"/> gave (a restore).</summary>
    public ScoreThresholder(AnomalyGradeOptions options, int shingleSize, ThresholdStatistics statistics)
        : this(options, shingleSize)
    {
        _weight = statistics.Weight;
        _sum = statistics.Sum;
        _sumOfSquares = statistics.SumOfSquares;
        _count = statistics.Count;
        _sinceLastAnomaly = statistics.SinceLastAnomaly;
        _lastAnomalyScore = statistics.LastAnomalyScore;
    }

    /// <summary>The statistics learnt so far, for a checkpoint.</summary>
    public ThresholdStatistics Statistics =>
        new(_weight, _sum, _sumOfSquares, _count, _sinceLastAnomaly, _lastAnomalyScore);

    /// <summary>The threshold for the next score (infinite until enough scores were seen).</summary>
    public double Threshold
    {
        get
        {
            if (_count < _options.MinimumScores || _weight <= 0)
            {
                return double.PositiveInfinity;
            }

            var mean = _sum / _weight;
            var deviation = Math.Sqrt(Math.Max(0, _sumOfSquares / _weight - mean * mean));
            return Math.Max(_options.LowerThreshold, mean + _options.ZFactor * deviation);
        }
    }

    /// <summary>Grades <paramref name="score"/> in [0, 1] against the threshold, then learns from it. 0 scores are ignored.</summary>
    public double Grade(double score, out double threshold)
    {
        threshold = Threshold;
        if (score <= 0)
        {
            return 0;
        }

        _sinceLastAnomaly++;
        double grade = 0;
        if (score > threshold && (_sinceLastAnomaly >= _shingleSize || score > _lastAnomalyScore))
        {
            // 0 at the threshold, 0.5 at twice the threshold, approaching 1 far above it.
            grade = Math.Clamp(1 - threshold / score, 1e-6, 1);
            _sinceLastAnomaly = 0;
            _lastAnomalyScore = score;
        }

        Learn(score);
        return grade;
    }

    private void Learn(double score)
    {
        var keep = 1 - _options.ScoreDecay;
        _weight = _weight * keep + 1;
        _sum = _sum * keep + score;
        _sumOfSquares = _sumOfSquares * keep + score * score;
        _count++;
    }
}
