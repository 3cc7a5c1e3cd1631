"""Prefect flows, deployments and the `appeal` CLI: the only package that imports Prefect."""
