#include "engine/core/point_index.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <nanoflann.hpp>
#include <stdexcept>

namespace hotspot {

namespace {

struct Adaptor {
  PointSpan pts;
  size_t kdtree_get_point_count() const { return pts.size(); }
  double kdtree_get_pt(size_t i, size_t dim) const { return dim == 0 ? pts[i].x : pts[i].y; }
  template <class BBox>
  bool kdtree_get_bbox(BBox&) const { return false; }
};

using Tree = nanoflann::KDTreeSingleIndexAdaptor<nanoflann::L2_Simple_Adaptor<double, Adaptor>, Adaptor, 2, uint32_t>;

// nanoflann's own RadiusResultSet keeps d^2 < r^2 (strict); ours keeps d^2 <= r^2 so that a neighbour exactly at
// the band distance counts, as in spdep::dnearneigh and ArcGIS's fixed distance band.
struct InclusiveRadiusSet {
  double radius_sq;
  std::vector<Neighbor>* out;
  size_t size() const { return out->size(); }
  bool full() const { return true; }
  bool addPoint(double dist_sq, uint32_t index) {
    if (dist_sq <= radius_sq) out->push_back({index, dist_sq});
    return true;
  }
  double worstDist() const { return radius_sq; }
};

struct CountingRadiusSet {
  double radius_sq;
  size_t count = 0;
  size_t size() const { return count; }
  bool full() const { return true; }
  bool addPoint(double dist_sq, uint32_t) {
    if (dist_sq <= radius_sq) ++count;
    return true;
  }
  double worstDist() const { return radius_sq; }
};

// nanoflann prunes a subtree when its squared distance exceeds worstDist(); widening by a few ulps keeps
// points at exactly the radius from being pruned by rounding, while addPoint applies the exact test.
double widened(double r2) {
  return std::nextafter(std::nextafter(r2, std::numeric_limits<double>::infinity()), std::numeric_limits<double>::infinity());
}

double search_radius_sq(double radius) { return widened(radius * radius); }

}  // namespace

struct PointIndex::Impl {
  Adaptor adaptor;
  Tree tree;
  explicit Impl(PointSpan pts)
      : adaptor{pts}, tree(2, adaptor, nanoflann::KDTreeSingleIndexAdaptorParams(16)) {
    tree.buildIndex();
  }
};

PointIndex::PointIndex(PointSpan points) {
  if (points.size() >= std::numeric_limits<uint32_t>::max())
    throw std::length_error("PointIndex holds at most 2^32-2 points");
  impl_ = std::make_unique<Impl>(points);
}
PointIndex::~PointIndex() = default;
PointIndex::PointIndex(PointIndex&&) noexcept = default;
PointIndex& PointIndex::operator=(PointIndex&&) noexcept = default;

size_t PointIndex::size() const { return impl_->adaptor.pts.size(); }

namespace {

// Every point with squared distance <= d2_max (the exact test), into `out` with squared distances, unsorted.
template <class Tree>
void within_squared(const Tree& tree, double x, double y, double d2_max, std::vector<Neighbor>& out) {
  out.clear();
  const double q[2] = {x, y};
  InclusiveRadiusSet set{d2_max, &out};
  // The search radius only steers pruning (a little beyond d2_max); the exact <= test is in addPoint.
  struct Wrapper {
    InclusiveRadiusSet* inner;
    double prune_sq;
    size_t size() const { return inner->size(); }
    bool full() const { return true; }
    bool addPoint(double d, uint32_t i) { return inner->addPoint(d, i); }
    double worstDist() const { return prune_sq; }
  } w{&set, widened(d2_max)};
  tree.findNeighbors(w, q, nanoflann::SearchParams(32, 0.0f, false));
}

bool nearer(const Neighbor& a, const Neighbor& b) {
  return a.distance < b.distance || (a.distance == b.distance && a.index < b.index);
}

}  // namespace

void PointIndex::within_radius(double x, double y, double radius_crs, std::vector<Neighbor>& out) const {
  out.clear();
  if (!(radius_crs >= 0.0) || impl_->adaptor.pts.empty()) return;  // NaN or negative: nothing
  within_squared(impl_->tree, x, y, radius_crs * radius_crs, out);
  for (Neighbor& n : out) n.distance = std::sqrt(n.distance);
  std::sort(out.begin(), out.end(), nearer);
}

size_t PointIndex::count_within_radius(double x, double y, double radius_crs) const {
  if (!(radius_crs >= 0.0) || impl_->adaptor.pts.empty()) return 0;
  const double q[2] = {x, y};
  struct Wrapper {
    CountingRadiusSet inner;
    double prune_sq;
    size_t size() const { return inner.size(); }
    bool full() const { return true; }
    bool addPoint(double d, uint32_t i) { return inner.addPoint(d, i); }
    double worstDist() const { return prune_sq; }
  } w{{radius_crs * radius_crs}, search_radius_sq(radius_crs)};
  impl_->tree.findNeighbors(w, q, nanoflann::SearchParams(32, 0.0f, false));
  return w.inner.count;
}

std::vector<Neighbor> PointIndex::nearest(double x, double y, size_t k) const {
  std::vector<Neighbor> out;
  const size_t n = impl_->adaptor.pts.size();
  if (k == 0 || n == 0) return out;
  k = std::min(k, n);
  // Ask for a few extra so that ties at the k-th distance can be broken by index deterministically.
  const size_t ask = std::min(n, k + 8);
  std::vector<uint32_t> idx(ask);
  std::vector<double> d2(ask);
  const double q[2] = {x, y};
  const size_t found = impl_->tree.knnSearch(q, ask, idx.data(), d2.data());
  out.reserve(found);
  for (size_t i = 0; i < found; ++i) out.push_back({idx[i], d2[i]});
  std::sort(out.begin(), out.end(), nearer);
  // If the tie at position k-1 may extend beyond what was fetched, take every point at most as far as the k-th,
  // by the same squared distance (a radius query through its square root can lose the tie by a rounding).
  if (found == ask && ask < n && out[k - 1].distance == out[ask - 1].distance) {
    within_squared(impl_->tree, x, y, out[k - 1].distance, out);
    std::sort(out.begin(), out.end(), nearer);
  }
  out.resize(k);
  for (Neighbor& nb : out) nb.distance = std::sqrt(nb.distance);
  return out;
}

}  // namespace hotspot
