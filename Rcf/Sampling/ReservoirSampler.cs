using System.Diagnostics;

namespace TurbineConsole.Rcf.Sampling;

/// <summary>
/// Time-decayed weighted reservoir sample of point-store indices, kept as a max-heap on weight in two parallel
/// arrays. A point's weight is -timeDecay x sequence + log(-log u); the sample keeps the smallest weights, so recent
/// points are favoured. While not full, a point is admitted outright with a probability that is 1 until the sample
/// holds InitialAcceptFraction x capacity points and then falls linearly; the fraction is the reference's default
/// (random-cut-forest-by-aws 4.x: 1), so every point is admitted until the sample is full. Each random number comes
/// from a generator re-seeded per draw, as in the reference, so the same seed samples the same points.
/// </summary>
internal sealed class ReservoirSampler
{
    /// <summary>
    /// Fraction of the capacity admitted unconditionally at the start: the reference's default of 1. (An earlier
    /// 1/8 slowed the filling of the samples and raised the early scores, more so at larger shingles.)
    /// </summary>
    private const double InitialAcceptFraction = 1.0;

    /// <summary>Heap of weights; the root is the largest (the next to be evicted).</summary>
    private readonly float[] _weights;

    /// <summary>Point-store index of each heap entry.</summary>
    private readonly int[] _pointIndexes;

    /// <summary>The time decay rate.</summary>
    private readonly double _timeDecay;

    /// <summary>Seed of the next random draw.</summary>
    private long _randomSeed;

    /// <summary>Entries in the heap.</summary>
    private int _size;

    /// <summary>Weight of the point accepted by the last <see cref="TryAccept"/>, waiting for <see cref="Add"/>.</summary>
    private float _pendingWeight;

    /// <summary>Creates an empty sampler.</summary>
    public ReservoirSampler(int capacity, double timeDecay, long randomSeed)
    {
        _randomSeed = randomSeed;
        _weights = new float[capacity];
        _pointIndexes = new int[capacity];
        _timeDecay = timeDecay;
    }

    /// <summary>
    /// Creates a sampler holding the first <paramref name="size"/> entries of <paramref name="weights"/> and
    /// <paramref name="pointIndexes"/> (a heap, as <see cref="Weights"/> and <see cref="PointIndexes"/> gave them;
    /// a restore). The arrays are kept, their length is the capacity.
    /// </summary>
    public ReservoirSampler(double timeDecay, long randomSeed, float[] weights, int[] pointIndexes, int size)
    {
        Debug.Assert(weights.Length == pointIndexes.Length && size <= weights.Length);
        _randomSeed = randomSeed;
        _weights = weights;
        _pointIndexes = pointIndexes;
        _timeDecay = timeDecay;
        _size = size;
    }

    /// <summary>Entries held.</summary>
    public int Size => _size;

    /// <summary>Seed of the next random draw.</summary>
    public long RandomSeed => _randomSeed;

    /// <summary>Weights of the entries, in heap order (parallel to <see cref="PointIndexes"/>).</summary>
    public ReadOnlySpan<float> Weights => _weights.AsSpan(0, _size);

    /// <summary>Capacity of the sample.</summary>
    public int Capacity => _weights.Length;

    /// <summary>Point-store indexes of the entries (first <see cref="Size"/> are valid).</summary>
    public ReadOnlySpan<int> PointIndexes => _pointIndexes.AsSpan(0, _size);

    /// <summary>
    /// Decides whether the point with <paramref name="sequence"/> enters the sample. When it does and an entry
    /// must make room, that entry is removed and its point index returned in <paramref name="evicted"/> (else -1).
    /// </summary>
    public bool TryAccept(long sequence, out int evicted)
    {
        evicted = -1;
        var u = NextDouble();
        while (u == 0)
        {
            u = NextDouble();
        }

        var weight = (float)(-sequence * _timeDecay + Math.Log(-Math.Log(u)));
        var initial = false;
        if (_size < _weights.Length)
        {
            initial = NextDouble() < AdmitProbability(_size);
        }

        if (initial)
        {
            _pendingWeight = weight;
            return true;
        }

        if (_size > 0 && weight < _weights[0])
        {
            evicted = _pointIndexes[0];
            EvictMax();
            _pendingWeight = weight;
            return true;
        }

        return false;
    }

    /// <summary>Adds the point accepted by the last successful <see cref="TryAccept"/>.</summary>
    public void Add(int pointIndex)
    {
        Debug.Assert(_size < _weights.Length);
        var current = _size++;
        var weight = _pendingWeight;
        while (current > 0)
        {
            var parent = (current - 1) >> 1;
            if (_weights[parent] >= weight)
            {
                break;
            }

            _weights[current] = _weights[parent];
            _pointIndexes[current] = _pointIndexes[parent];
            current = parent;
        }

        _weights[current] = weight;
        _pointIndexes[current] = pointIndex;
    }

    /// <summary>Managed bytes held by the arrays.</summary>
    public long ArrayBytes => (long)_weights.Length * (sizeof(float) + sizeof(int));

    private double NextDouble() => JavaRandom.Replay(ref _randomSeed).NextDouble();

    private double AdmitProbability(int size)
    {
        var fill = (double)size / _weights.Length;
        if (fill < InitialAcceptFraction)
        {
            return 1.0;
        }

        return InitialAcceptFraction >= 1.0 ? 0.0 : 1.0 - (fill - InitialAcceptFraction) / (1.0 - InitialAcceptFraction);
    }

    private void EvictMax()
    {
        --_size;
        var weight = _weights[_size];
        var index = _pointIndexes[_size];
        var current = 0;
        while (true)
        {
            var child = 2 * current + 1;
            if (child >= _size)
            {
                break;
            }

            if (child + 1 < _size && _weights[child + 1] > _weights[child])
            {
                child++;
            }

            if (_weights[child] <= weight)
            {
                break;
            }

            _weights[current] = _weights[child];
            _pointIndexes[current] = _pointIndexes[child];
            current = child;
        }

        _weights[current] = weight;
        _pointIndexes[current] = index;
    }
}
