"""Product search: Elasticsearch when ELASTICSEARCH_URL is set, the database otherwise, behind one interface.

records.py      what is indexed about a product (one dict per browsable product)
documents.py    the Elasticsearch mapping and analysers
backends/       the interface and its two implementations
queries.py      the parameters a shopper sends; results.py what comes back; highlight.py the marked matches
indexing.py     writing to the index; signals.py + tasks.py keep it in step after each commit
service.py      what the views call; views.py, urls.py, api_urls.py the page and the JSON API
"""
