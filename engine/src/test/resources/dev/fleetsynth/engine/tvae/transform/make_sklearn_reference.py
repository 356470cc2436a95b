"""Writes sklearn-reference.json, the expectations of BayesianGaussianMixtureTest.

Not run by the build: it needs scikit-learn. Each case records the data, the k-means labels
scikit-learn itself starts from (KMeans with the same random_state, exactly what
BayesianGaussianMixture's init_params='kmeans' does), and the fitted state, so the Java fit can be
replayed from the same start and compared.

    python make_sklearn_reference.py > sklearn-reference.json
"""
import json
import sys
import warnings

import numpy as np
import sklearn
from sklearn.cluster import KMeans
from sklearn.mixture import BayesianGaussianMixture

warnings.simplefilter("ignore")


def bgm(k, seed, max_iter=100):
    # RDT's ClusterBasedNormalizer settings in CTGAN.
    return BayesianGaussianMixture(
        n_components=k,
        weight_concentration_prior_type="dirichlet_process",
        weight_concentration_prior=0.001,
        n_init=1,
        max_iter=max_iter,
        random_state=seed,
    )


def case(name, x, k, seed, max_iter=100, labels=None):
    X = np.asarray(x, dtype=float).reshape(-1, 1)
    if labels is None:
        labels = KMeans(n_clusters=k, n_init=1, random_state=seed).fit(X).labels_
        g = bgm(k, seed, max_iter).fit(X)
    else:
        labels = np.asarray(labels)
        g = bgm(k, seed, max_iter)
        start = labels

        def init(X, random_state, xp=None, g=g):
            resp = np.zeros((X.shape[0], k))
            resp[np.arange(X.shape[0]), start] = 1
            g._initialize(X, resp)

        g._initialize_parameters = init
        g.fit(X)
    probes = np.linspace(X.min() - 1, X.max() + 1, 7)
    return {
        "name": name,
        "components": k,
        "x": X.ravel().tolist(),
        "labels": [int(v) for v in labels],
        "weights": g.weights_.tolist(),
        "means": g.means_.ravel().tolist(),
        "covariances": g.covariances_.ravel().tolist(),
        "iterations": int(g.n_iter_),
        "converged": bool(g.converged_),
        "lowerBound": float(g.lower_bound_),
        "probes": probes.tolist(),
        "proba": g.predict_proba(probes.reshape(-1, 1)).tolist(),
    }


rng = np.random.default_rng(20240611)
cases = [
    case("tiny one step", [0.0, 1.0, 2.0, 10.0, 11.0, 13.0], 2, 0, max_iter=1, labels=[0, 0, 0, 1, 1, 1]),
    case("tiny", [0.0, 1.0, 2.0, 10.0, 11.0, 13.0], 2, 0, labels=[0, 0, 0, 1, 1, 1]),
    case("two modes", np.concatenate([rng.normal(-5, 1, 300), rng.normal(10, 2, 700)]), 10, 1),
    case("three modes", np.concatenate([rng.normal(0, 1, 600), rng.normal(20, 1, 600), rng.normal(50, 3, 300)]), 10, 2),
    case("one mode", rng.normal(3, 0.5, 800), 10, 3),
    case("constant", [4.25] * 40, 10, 4),
    case("three distinct values", rng.choice([1.0, 2.0, 3.0], 60).tolist(), 10, 5),
    case("seven rows", rng.normal(0, 1, 7), 7, 6),
]
json.dump({"sklearn": sklearn.__version__, "numpy": np.__version__, "cases": cases}, sys.stdout)
