using System.Diagnostics;
using TurbineConsole.Rcf.Stores;

namespace TurbineConsole.Rcf.Sampling;

/// <summary>
/// Time-decayed weighted reservoir sample of point-store indices, kept as a max-heap on weight in two parallel
/// arrays (the indexes in 16 bits when the point store cannot grow past them). A point's weight is -timeDecay x sequence + log(-log u); the sample keeps the smallest weights, so recent
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

    /// <summary>Point-store index of each heap entry, when indexes need 32 bits (else empty).</summary>
    private readonly int[] _pointIndexes;

    /// <summary>Point-store index of each heap entry, when indexes fit in 16 bits (else empty).</summary>
    private readonly ushort[] _narrowIndexes;

    /// <summary>The time decay rate.</summary>
    private readonly double _timeDecay;

    /// <summary>Seed of the next random draw.</summary>
    private long _randomSeed;

    /// <summary>Entries in the heap.</summary>
    private int _size;

    /// <summary>Weight of the point accepted by the last <see cref="TryAccept"/>, waiting for <see cref="Add"/>.</summary>
    private float _pendingWeight;

    /// <summary>Creates an empty sampler of point-store indexes below <paramref name="pointLimit"/>.</summary>
    public ReservoirSampler(int capacity, double timeDecay, long randomSeed, int pointLimit)
        : this(timeDecay, randomSeed, new float[capacity], pointLimit)
    {
    }

    /// <summary>
    /// Creates a sampler of point-store indexes below <paramref name="pointLimit"/> holding the first
    /// <paramref name="size"/> entries of <paramref name="weights"/> and <paramref name="pointIndexes"/> (a heap, as
    /// <see cref="Weights"/> and <see cref="PointIndex"/> gave them; a restore). The weights are kept, their length
    /// is the capacity.
    /// </summary>
    public ReservoirSampler(double timeDecay, long randomSeed, float[] weights, ReadOnlySpan<int> pointIndexes, int size, int pointLimit)
        : this(timeDecay, randomSeed, weights, pointLimit)
    {
        Debug.Assert(pointIndexes.Length >= size && size <= weights.Length);
        for (var i = 0; i < size; i++)
        {
            SetIndex(i, pointIndexes[i]);
        }

        _size = size;
    }

    private ReservoirSampler(double timeDecay, long randomSeed, float[] weights, int pointLimit)
    {
        _randomSeed = randomSeed;
        _weights = weights;
        var narrow = pointLimit <= ushort.MaxValue + 1;
        _pointIndexes = narrow ? [] : new int[weights.Length];
        _narrowIndexes = narrow ? new ushort[weights.Length] : [];
        _timeDecay = timeDecay;
    }

    /// <summary>Entries held.</summary>
    public int Size => _size;

    /// <summary>Seed of the next random draw.</summary>
    public long RandomSeed => _randomSeed;

    /// <summary>Weights of the entries, in heap order (parallel to <see cref="PointIndex"/>).</summary>
    public ReadOnlySpan<float> Weights => _weights.AsSpan(0, _size);

    /// <summary>Capacity of the sample.</summary>
    public int Capacity => _weights.Length;

    /// <summary>Point-store index of entry <paramref name="entry"/> (below <see cref="Size"/>), in heap order.</summary>
    public int PointIndex(int entry) => _narrowIndexes.Length != 0 ? _narrowIndexes[entry] : _pointIndexes[entry];

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
            evicted = PointIndex(0);
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
            SetIndex(current, PointIndex(parent));
            current = parent;
        }

        _weights[current] = weight;
        SetIndex(current, pointIndex);
    }

    /// <summary>Heap bytes of the arrays.</summary>
    public long ArrayBytes => ManagedSize.Of(_weights) + ManagedSize.Of(_pointIndexes) + ManagedSize.Of(_narrowIndexes);

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
        var index = PointIndex(_size);
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
            SetIndex(current, PointIndex(child));
            current = child;
        }

        _weights[current] = weight;
        SetIndex(current, index);
    }

    private void SetIndex(int entry, int pointIndex)
    {
        if (_narrowIndexes.Length != 0)
        {
            _narrowIndexes[entry] = (ushort)pointIndex;
        }
        else
        {
            _pointIndexes[entry] = pointIndex;
        }
    }
}
