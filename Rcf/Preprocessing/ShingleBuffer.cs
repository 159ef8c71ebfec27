using TurbineConsole.Rcf.Stores;

namespace TurbineConsole.Rcf.Preprocessing;

/// <summary>The last ShingleSize input points, oldest first; turns one input point into a shingled point.</summary>
internal sealed class ShingleBuffer
{
    /// <summary>Values per input point.</summary>
    private readonly int _dims;

    /// <summary>The shingle, oldest point first; zeros until filled.</summary>
    private readonly double[] _values;

    /// <summary>Input points received, capped at the shingle size.</summary>
    private int _count;

    /// <summary>Creates an empty shingle.</summary>
    public ShingleBuffer(int dims, int shingleSize)
    {
        _dims = dims;
        _values = new double[dims * shingleSize];
    }

    /// <summary>Creates a shingle of <paramref name="count"/> points over <paramref name="values"/> (a restore; the array is kept).</summary>
    public ShingleBuffer(int dims, double[] values, int count)
    {
        _dims = dims;
        _values = values;
        _count = count;
    }

    /// <summary>Input points received, capped at the shingle size.</summary>
    public int Count => _count;

    /// <summary>Heap bytes of the array.</summary>
    public long ArrayBytes => ManagedSize.Of(_values);

    /// <summary>The shingle, oldest point first; zeros until filled.</summary>
    public ReadOnlySpan<double> Values => _values;

    /// <summary>Whether a full shingle of real points has been received.</summary>
    public bool IsFull => _count * _dims >= _values.Length;

    /// <summary>Appends an input point, dropping the oldest.</summary>
    public void Push(ReadOnlySpan<double> point)
    {
        Array.Copy(_values, _dims, _values, 0, _values.Length - _dims);
        point.CopyTo(_values.AsSpan(_values.Length - _dims));
        if (!IsFull)
        {
            _count++;
        }
    }

    /// <summary>Writes the current shingle into <paramref name="target"/>.</summary>
    public void CopyTo(Span<float> target)
    {
        for (var i = 0; i < _values.Length; i++)
        {
            target[i] = (float)_values[i];
        }
    }

    /// <summary>Writes the shingle that <paramref name="point"/> would complete (without pushing it).</summary>
    public void CopyWithNext(ReadOnlySpan<double> point, Span<float> target)
    {
        var kept = _values.Length - _dims;
        for (var i = 0; i < kept; i++)
        {
            target[i] = (float)_values[_dims + i];
        }

        for (var i = 0; i < _dims; i++)
        {
            target[kept + i] = (float)point[i];
        }
    }
}
