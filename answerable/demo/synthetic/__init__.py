"""Synthetic data, never real records.

* `answerable generate` (generator.py and the bulk_* modules): interchange CSV files of any
  size for demonstrations and benchmarks, drawn in bulk with numpy.
* `answerable demo` (demo.py and the demo_* modules): a fixed data set calibrated exactly to
  Police Scotland's published figures (profiles.py cites each one), loaded through the
  import pipeline and labelled synthetic throughout.
"""
