# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown] tags=["remove-cell"]
# # Country profile
#
# One country's digital-diplomacy profile, executed once per country by the workflow
# (papermill injects the parameters below). The logic lives in `digidip.analysis.profile`
# (what to show) and `digidip.render.profile_html` (how); this notebook only calls them and
# shows the results, so it stays fast and easy to read.

# %% tags=["parameters"]
iso3 = "KAZ"  # ISO 3166-1 alpha-3 code of the country
facts_path = "data/interim/countries/KAZ.json"  # the country's fact slice (built by the workflow)
report_href = "../report.html"  # where the comparative report lies, seen from the page

# %%
from IPython.display import HTML, display

from digidip.analysis import profile
from digidip.render import profile_html

p = profile.load(facts_path, report_href=report_href)
assert p.iso3 == iso3, f"fact slice {facts_path} is for {p.iso3}, not {iso3}"
display(HTML(profile_html.header_html(p)))

# %% [markdown]
# ## Key figures

# %%
display(HTML(profile_html.key_figures_html(p)))

# %% [markdown]
# ## Timeline

# %%
display(HTML(profile_html.timeline_html(p)))

# %% [markdown]
# ## Practices by goal of digital diplomacy

# %%
display(HTML(profile_html.practices_html(p)))

# %% [markdown]
# ## Partners and notable actions

# %%
display(HTML(profile_html.partners_html(p)))

# %% [markdown]
# ## Gaps in the evidence

# %%
display(HTML(profile_html.gaps_html(p)))
